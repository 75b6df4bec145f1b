"""Chinese analysis: folding, bracketed pinyin, segmentation with the domain dictionary, pinyin keys."""

import pytest

from portal.ground import pinyin
from search import analysis
from search.query import MAX_QUERY_CHARS, analyse_query, to_fts5, to_tsquery


def test_traditional_folds_to_simplified_and_full_width_to_ascii():
    assert analysis.fold("黨群服務中心 ＡＰＰ１２") == "党群服务中心 APP12"


@pytest.mark.parametrize(
    "raw, folded",
    [
        ("網(wǎng)格", "网格"),
        ("网（wang3）格员", "网格员"),
        ("社区（PDF）下载", "社区（PDF）下载"),
        ("电话(12345)", "电话(12345)"),
    ],
)
def test_bracketed_pinyin_is_stripped_but_other_brackets_stay(raw, folded):
    assert analysis.fold(raw) == folded


@pytest.mark.django_db
def test_domain_terms_stay_whole_and_long_words_also_index_their_parts():
    tokens = analysis.tokenize("开展吹哨报到和小蜜蜂驿站建设")
    assert "吹哨报到" in tokens and "小蜜蜂驿站" in tokens
    assert "驿站" in tokens  # a two-character word inside the longer term is searchable too


@pytest.mark.django_db
def test_editor_term_and_synonym_take_effect(django_capture_on_commit_callbacks):
    from search.models import SearchTerm

    assert "云溪通" not in analysis.tokenize("请下载云溪通办理")
    with django_capture_on_commit_callbacks(execute=True):
        SearchTerm.objects.create(term="云溪通", synonyms="云溪通APP，一网通")
    assert "云溪通" in analysis.tokenize("请下载云溪通办理")
    assert analysis.dictionary.synonyms_of("一网通") == ["云溪通", "云溪通app"]


def test_pinyin_keys():
    assert pinyin.keys("网格") == ("wangge", "wg")
    assert pinyin.keys("網格") == ("wangge", "wg")


@pytest.mark.django_db
def test_query_is_capped_and_syntax_is_quoted():
    query = analyse_query("网格" * 200)
    assert query.truncated and len(query.raw) == MAX_QUERY_CHARS
    query = analyse_query('网格" OR "x')
    assert to_fts5(query) == '(("网格")) AND (("x"))'
    assert to_tsquery(query) == "(('网格')) & (('x'))"


@pytest.mark.django_db
def test_stop_words_and_symbols_alone_make_an_empty_query():
    assert analyse_query("的 了 *** ()").is_empty


@pytest.mark.django_db
def test_fast_segmenter_gives_exactly_what_jieba_gives():
    import random

    import jieba

    analysis.dictionary.ensure_loaded()
    rng = random.Random(11)
    alphabet = "网格员党群服务中心吹哨报到小蜜蜂驿站的了和abcXYZ 12345-_.%#&+，。é😀\u3400ⅷ\r\n\t长者食堂AA制"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60))) for _ in range(500)]
    texts += ["社区实行网格化管理，网格员每天走访居民。", "12345热线 a1b2 c++ 3.5%", "Ｗｉｆｉ 網格 abc-123 ⅷ"]
    for text in texts:
        text = analysis.normalize(text)
        expected_search = [t.strip() for t in jieba.cut_for_search(text, HMM=False) if analysis.is_word(t.strip())]
        expected_words = [t.strip() for t in jieba.cut(text, HMM=False) if analysis.is_word(t.strip())]
        assert analysis.tokenize(text, normalized=True) == expected_search, text
        assert analysis.words(text, normalized=True) == expected_words, text


@pytest.mark.django_db
def test_a_new_dictionary_term_changes_segmentation_at_once():
    from search.models import SearchTerm

    assert "云溪快办" not in analysis.tokenize("云溪快办上线")
    SearchTerm.objects.create(term="云溪快办")
    analysis.dictionary.invalidate()
    assert "云溪快办" in analysis.tokenize("云溪快办上线")
    SearchTerm.objects.filter(term="云溪快办").delete()
    analysis.dictionary.invalidate()
    assert "云溪快办" not in analysis.tokenize("云溪快办上线")


def test_pinyin_keys_keep_latin_text_whole_in_both_keys():
    assert pinyin.keys("网格") == ("wangge", "wg")
    assert pinyin.keys("Wi-Fi 网格员 12345") == ("wifiwanggeyuan12345", "wifiwgy12345")


def test_grid_cells_of_a_box_hold_every_point_inside_it():
    import random

    from search.engine.fulltext import geo_cell_token, geo_cell_tokens

    rng = random.Random(5)
    for _ in range(200):
        south, west = rng.uniform(-60, 60), rng.uniform(-170, 170)
        north, east = south + rng.uniform(0, 0.05), west + rng.uniform(0, 0.05)
        cells = set(geo_cell_tokens(south, north, west, east))
        for _ in range(5):
            point = rng.uniform(south, north), rng.uniform(west, east)
            assert geo_cell_token(*point) in cells
        assert len(cells) <= 36  # 0.05° boxes: at most 6 x 6 cells of 0.01°
