"""Counter search tells how many accounts match, exactly up to a cap, and pages on without
repeating or losing a hit (the office of test_search.py)."""

from __future__ import annotations

from test_search import World, world  # noqa: F401  (the module's office, as a fixture)

from gasdesk.models.users import Role
from gasdesk.services.accounts.search import MatchCount, SearchPage, count_matches, find, search


def _count(w: World, query: str, cap: int = 10_000) -> MatchCount:
    with w.db.read() as s:
        return count_matches(s, w.actors[Role.CLERK], query, cap)


def _find(w: World, query: str, limit: int) -> SearchPage:
    with w.db.read() as s:
        return find(s, w.actors[Role.CLERK], query, limit)


def _pages(w: World, query: str, size: int) -> list[list[int]]:
    pages: list[list[int]] = []
    with w.db.read() as s:
        while True:
            shown = [a for page in pages for a in page]
            page = [h.account_id for h in search(s, w.actors[Role.CLERK], query, size, shown=shown)]
            if not page:
                return pages
            pages.append(page)


def test_the_count_is_every_account_the_text_matches(world: World) -> None:  # noqa: F811
    assert _count(world, "阳光") == MatchCount(7)  # 阳光明 by name, six households of 阳光花园 and 阳光新城
    assert _count(world, "zs") == MatchCount(7)
    assert _count(world, "010") == MatchCount(28)  # numbers and a landline, each account once
    assert _count(world, "冯") == MatchCount(20)
    assert _count(world, "李四光") == MatchCount(0)
    assert _count(world, "") == MatchCount(0)


def test_beyond_the_cap_it_says_more(world: World) -> None:  # noqa: F811
    assert _count(world, "010", cap=5) == MatchCount(5, more=True)
    assert _count(world, "010", cap=28) == MatchCount(28)


def test_find_counts_only_when_the_page_is_full(world: World) -> None:  # noqa: F811
    page = _find(world, "冯", 5)
    assert (len(page.hits), page.count) == (5, MatchCount(20))
    page = _find(world, "张三", 5)
    assert ([h.holder_name for h in page.hits], page.count) == (["张三", "张三", "张三丰"], MatchCount(3))


def test_pages_follow_each_other_without_repeating_or_losing_a_hit(world: World) -> None:  # noqa: F811
    for query, size in (("010", 5), ("冯", 3), ("阳光", 2), ("zs", 4)):
        pages = _pages(world, query, size)
        ids = [a for page in pages for a in page]
        assert len(ids) == len(set(ids)) == _count(world, query).total, query
        assert all(len(p) == size for p in pages[:-1]), query
        # the first page is the search's own first page
        assert pages[0] == [h.account_id for h in world.find(query, limit=size)], query
