"""Demo content of the showcase: case studies, brand projects, model communities (idempotent by slug).

Communities and streets come from the places demo (ORDER 10); a case or brand naming a community that
does not exist is simply not linked to it.
"""

import datetime
from decimal import Decimal

from django.utils.html import escape

from home.demo_images import get_or_create_demo_image

from .demo_brands import BRANDS, MODEL_COMMUNITIES
from .demo_cases import CASES, Live
from .models import (
    BrandProjectIndexPage,
    BrandProjectPage,
    CaseStudyIndexPage,
    CaseStudyPage,
    ModelCommunityIndexPage,
    ModelCommunityPage,
)

ORDER = 40


def upsert_page(parent, model, slug, tags=None, **fields):
    """Create or update a published child page of ``parent`` by slug, with its themes."""
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug, **fields)
        if tags is not None:
            page.tags.set(tags, clear=True)
        parent.add_child(instance=page)
    else:
        for key, value in fields.items():
            setattr(page, key, value)
        if tags is not None:
            page.tags.set(tags, clear=True)
    page.save_revision().publish()
    return model.objects.get(pk=page.pk)


def figures_value(figures, title=""):
    """A ChangeFiguresBlock value from (label, before, after, unit, year) tuples."""
    return {"title": title, "figures": [figure_value(*figure) for figure in figures]}


def figure_value(label, before, after, unit, year):
    """One ChangeFigureBlock value; a ``Live`` after is counted when the page is shown, never typed in."""
    value = {"label": label, "before": Decimal(str(before)), "unit": unit, "year": year}
    if isinstance(after, Live):
        return {**value, "after": None, "after_count": after.key}
    return {**value, "after": Decimal(str(after)), "after_count": ""}


def paragraph(text):
    return {"type": "paragraph", "value": f"<p>{escape(text)}</p>"}


def case_body(sections):
    """StreamField data for a case's sections, figures inside the section they belong to."""
    body = []
    for kind, texts, figures in sections:
        content = [paragraph(text) for text in texts]
        if figures:
            content.append({"type": "figures", "value": figures_value(figures)})
        body.append({"type": "section", "value": {"kind": kind, "heading": "", "content": content}})
    return body


class CommunityLookup:
    """Finds places communities and streets by name; missing ones are reported once."""

    def __init__(self):
        from services.places.models import Community, Street

        self.streets = {s.name: s for s in Street.objects.all()}
        self.communities = {(c.street.name, c.name): c for c in Community.objects.select_related("street")}

    def street(self, name):
        return self.streets.get(name)

    def community(self, street_name, name):
        return self.communities.get((street_name, name))

    def in_street(self, street_name, names):
        return [c for c in (self.community(street_name, n) for n in names) if c is not None]

    def by_name(self, name):
        return next((c for (_s, n), c in self.communities.items() if n == name), None)


def load_brands(home, lookup):
    index = upsert_page(
        home,
        BrandProjectIndexPage,
        "brands",
        title="党建品牌",
        introduction="各街道、社区和部门打造的党建引领基层治理品牌项目：谁在做、做什么、在哪些社区落地、成效如何。",
    )
    brands = {}
    for n, spec in enumerate(BRANDS):
        name, phone, address = spec["contact"]
        image = get_or_create_demo_image(f"党建品牌：{spec['title']}", seed=4000 + n)
        gallery_image = get_or_create_demo_image(f"党建品牌活动：{spec['title']}", seed=4100 + n)
        brands[spec["slug"]] = upsert_page(
            index,
            BrandProjectPage,
            spec["slug"],
            tags=spec["themes"],
            title=spec["title"],
            slogan=spec["slogan"],
            owner_organisation=spec["owner"],
            launch_year=spec["year"],
            introduction=spec["intro"],
            lead_image=image,
            highlights=[{"type": "highlight", "value": {"title": t, "text": x}} for t, x in spec["highlights"]],
            figures=[{"type": "figures", "value": figures_value(spec["figures"], "品牌成效")}],
            gallery=[
                {
                    "type": "image",
                    "value": {
                        "image": gallery_image.pk,
                        "alt_text": f"{spec['title']}项目的志愿者在社区开展服务",
                        "caption": f"{spec['title']}志愿服务现场（示意图）",
                    },
                }
            ],
            communities=[c for c in (lookup.community(s, c) for s, c in spec["communities"]) if c is not None],
            contact_name=name,
            contact_phone=phone,
            contact_address=address,
        )
    return brands


def load_cases(home, lookup, brands):
    index = upsert_page(
        home,
        CaseStudyIndexPage,
        "cases",
        title="典型案例",
        introduction="云溪区党建引领基层治理的典型做法：为什么做、怎么做、效果如何、有什么启示，成效用数据说话。",
    )
    for n, spec in enumerate(CASES):
        image = get_or_create_demo_image(f"典型案例：{spec['title']}", seed=5000 + n)
        upsert_page(
            index,
            CaseStudyPage,
            spec["slug"],
            tags=spec["themes"],
            title=spec["title"],
            date=datetime.date.fromisoformat(spec["date"]),
            source=spec["source"],
            summary=spec["summary"],
            lead_image=image,
            street=lookup.street(spec["street"]),
            communities=lookup.in_street(spec["street"], spec["communities"]),
            related_brands=[brands[slug] for slug in spec["brands"]],
            body=case_body(spec["sections"]),
        )


def load_model_communities(home, lookup, brands):
    index = upsert_page(
        home,
        ModelCommunityIndexPage,
        "communities",
        title="示范社区",
        introduction="全区命名的示范社区和示范小区：网格、阵地、四级组织体系、党建品牌和荣誉一览。",
    )
    for n, spec in enumerate(MODEL_COMMUNITIES):
        image = get_or_create_demo_image(f"示范社区：{spec['title']}", seed=6000 + n)
        upsert_page(
            index,
            ModelCommunityPage,
            spec["slug"],
            title=spec["title"],
            community=lookup.community(spec["street"], spec["community"]),
            kind=spec["kind"],
            designated_year=spec["year"],
            introduction=spec["intro"],
            lead_image=image,
            body=[paragraph(text) for text in spec["body"]],
            structure=[
                {"type": "level", "value": {"level": level, "name": name, "count": count, "description": text}}
                for level, name, count, text in spec["structure"]
            ],
            honours=[
                {"type": "honour", "value": {"year": year, "title": title, "awarded_by": by}}
                for year, title, by in spec["honours"]
            ],
            brands=[brands[slug] for slug in spec["brands"]],
        )


def load(home, stdout=None):
    """Brand projects first (cases and communities point at them), then cases, then model communities."""
    lookup = CommunityLookup()
    brands = load_brands(home, lookup)
    load_cases(home, lookup, brands)
    load_model_communities(home, lookup, brands)
    if stdout:
        stdout.write(
            f"  典型案例 {len(CASES)} 篇、党建品牌 {len(BRANDS)} 个、示范社区 {len(MODEL_COMMUNITIES)} 个"
            f"（已关联社区 {len(lookup.communities)} 个）"
        )
