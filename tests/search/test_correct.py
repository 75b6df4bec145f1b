"""Typo correction as residents meet it: homophones and near sounds typed through pinyin input,
pinyin typed without tones or with a syllable missing, and “您是不是要找 …” on the page and in the API."""

import pytest

from tests.search.conftest import publish_news

pytestmark = pytest.mark.django_db

GUIDES = [
    # slug, title, summary, body
    ("residence", "居住证申领", "在本区居住满半年的人员可申领居住证。", "携带身份证和租房合同到社区服务窗口办理。"),
    (
        "subsistence",
        "最低生活保障申请",
        "家庭人均收入低于本区标准的家庭可申请。",
        "向户籍所在地社区提交申请和收入材料。",
    ),
    ("care", "长护险（长期护理保险）申请", "失能人员可申请长护险待遇。", "经评估后按等级享受护理服务。"),
    ("lift", "翠竹苑加装电梯协调服务", "老楼加装电梯由社区协调。", "业主协商一致后向街道提交方案。"),
    ("dog", "养犬登记", "城区养犬应当登记。", "携带犬只免疫证明办理。"),
    ("old", "高龄津贴申领", "年满八十周岁的老人可申领。", "每月随养老金发放。"),
]


@pytest.fixture
def guides(embedded_engine, news_index, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        pages = {
            slug: publish_news(news_index, slug, title, summary, body, "notice", "2026-04-01")
            for slug, title, summary, body in GUIDES
        }
    embedded_engine.rebuild()
    return pages


def page_titles(response):
    return [hit.title for hit in response.context["results"].hits]


@pytest.mark.parametrize(
    "typed, corrected, title",
    [
        ("居注证", "居住证", "居住证申领"),  # same reading, wrong character
        ("居注證", "居住证", "居住证申领"),  # and in Traditional script
        ("低宝", "低保", "最低生活保障申请"),  # a homophone of the dictionary's synonym
        ("养犬登纪", "养犬登记", "养犬登记"),
        ("高龄津帖", "高龄津贴", "高龄津贴申领"),
        ("办理居注证", "办理居住证", "居住证申领"),  # the rest of the query stays as typed
    ],
)
def test_homophone_typo_shows_did_you_mean_with_the_corrected_results(client, guides, typed, corrected, title):
    response = client.get("/search/", {"q": typed})
    html = response.content.decode()
    assert response.context["searched_for"] == corrected
    assert page_titles(response)[0] == title
    assert f"您是不是要找“{corrected}”" in html
    assert f'value="{typed}"' in html  # the box keeps what was typed


@pytest.mark.parametrize(
    "typed, title",
    [
        ("juzhuzheng", "居住证申领"),  # pinyin without tones
        ("jū zhù zhèng", "居住证申领"),  # with tone marks and spaces
        ("ju4zhu4zheng4", "居住证申领"),  # with tone digits
        ("juzheng", "居住证申领"),  # one syllable missing
        ("zuidi shenghuo baozang", "最低生活保障申请"),  # zh typed as z
        ("yangquan dengji", "养犬登记"),
        ("gaoling jintie", "高龄津贴申领"),
        ("gaolin jintie", "高龄津贴申领"),  # ing typed as in
        ("changhuxian", "长护险（长期护理保险）申请"),  # 长 read cháng in 长护险
    ],
)
def test_pinyin_typed_into_the_box_finds_the_service(client, guides, typed, title):
    response = client.get("/search/", {"q": typed})
    assert response.context["searched_for"]
    assert page_titles(response)[0] == title


def test_correction_comes_from_the_indexed_words_not_a_list_of_misspellings(client, guides):
    # 翠竹苑 is a compound name only this corpus holds; 翠竹元 and 脆竹苑 read the same.
    for typed in ("翠竹元加装电梯", "脆竹苑加装电梯"):
        response = client.get("/search/", {"q": typed})
        assert response.context["searched_for"] == "翠竹苑加装电梯"
        assert page_titles(response)[0] == "翠竹苑加装电梯协调服务"


def test_a_query_that_finds_its_title_is_not_corrected(client, guides):
    response = client.get("/search/", {"q": "居住证"})
    assert response.context["searched_for"] == ""
    assert "您是不是要找" not in response.content.decode()
    assert page_titles(response)[0] == "居住证申领"


def test_nothing_sounds_like_gibberish(client, guides):
    response = client.get("/search/", {"q": "qqqzzz"})
    assert response.context["searched_for"] == "" and response.context["results"].total == 0


def test_exact_searches_what_was_typed(client, guides):
    response = client.get("/search/", {"q": "居注证", "exact": "1"})
    assert response.context["searched_for"] == ""
    assert "居住证申领" not in page_titles(response)[:1]
    corrected = client.get("/search/", {"q": "居注证"}).content.decode()
    assert "exact=1" in corrected and "仍然搜索“居注证”" in corrected


def test_api_reports_the_correction_and_keeps_its_contract(client, guides):
    data = client.get("/api/v1/search/", {"q": "居注证"}).json()
    assert data["corrected"] == "居住证"
    assert data["query"] == "居注证"
    assert data["results"][0]["title"] == "居住证申领"
    assert set(data["results"][0]) >= {"title", "url", "type", "snippet", "score"}
    assert data["total"] >= 1 and "facets" in data
    plain = client.get("/api/v1/search/", {"q": "居住证"}).json()
    assert plain["corrected"] is None and plain["results"][0]["title"] == "居住证申领"


def test_later_pages_keep_the_correction(client, guides, news_index, embedded_engine):
    for n in range(12):
        page = publish_news(news_index, f"res-{n}", f"居住证办理问答第{n}期", "", "居住证", "notice", "2026-04-02")
        embedded_engine.index(page)
    response = client.get("/search/", {"q": "居注证", "page": "2"})
    assert response.context["searched_for"] == "居住证"
    assert response.context["results"].page == 2
    assert all("居住证" in title for title in page_titles(response))


def test_pinyin_of_a_polyphonic_word_is_offered_while_typing(client, guides):
    suggestions = client.get("/api/v1/suggest/", {"q": "changhuxian"}).json()
    assert any(s.startswith("长护险") for s in suggestions)
    assert any(s.startswith("长护险") for s in client.get("/api/v1/suggest/", {"q": "chx"}).json())
