"""The address tree an office registers its accounts by: areas and their compounds."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from gasdesk.models import Area, Compound
from gasdesk.services.core import audit
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.changes import Change, Changed, changed
from gasdesk.services.core.errors import Conflict, NotFound, ValidationError
from gasdesk.services.core.permissions import require


@dataclass(frozen=True)
class CompoundInfo(Changed):
    id: int
    area_id: int
    name: str
    street_address: str
    active: bool


@dataclass(frozen=True)
class AreaInfo(Changed):
    id: int
    code: str
    name: str
    active: bool
    compounds: list[CompoundInfo] = field(default_factory=list)


def _compound_info(c: Compound) -> CompoundInfo:
    return CompoundInfo(c.id, c.area_id, c.name, c.street_address, c.active)


def tree(session: Session, actor: Actor) -> list[AreaInfo]:
    require(session, actor, "address.view")
    areas = session.scalars(select(Area).order_by(Area.code)).all()
    compounds = session.scalars(select(Compound).order_by(Compound.name)).all()
    by_area: dict[int, list[CompoundInfo]] = {}
    for c in compounds:
        by_area.setdefault(c.area_id, []).append(_compound_info(c))
    return [AreaInfo(a.id, a.code, a.name, a.active, by_area.get(a.id, [])) for a in areas]


def _clean_name(name: str, what_zh: str, what_en: str) -> str:
    name = name.strip()
    if not name:
        raise ValidationError(f"请填写{what_zh}名称。", f"Please enter the {what_en} name.")
    if len(name) > 60:
        raise ValidationError(f"{what_zh}名称太长（最多 60 字）。", f"The {what_en} name is too long (60 at most).")
    return name


def add_area(session: Session, actor: Actor, code: str, name: str) -> AreaInfo:
    require(session, actor, "address.manage")
    code = code.strip()
    if len(code) != 2 or not code.isdigit():
        raise ValidationError(
            "片区代码必须是两位数字（用户编号的前两位）。",
            "An area code is two digits (the start of its account numbers).",
        )
    name = _clean_name(name, "片区", "area")
    if session.scalar(select(Area.id).where(Area.code == code)):
        raise Conflict(f"片区代码 {code} 已被使用。", f"Area code {code} is already used.")
    if session.scalar(select(Area.id).where(Area.name == name)):
        raise Conflict(f"片区“{name}”已存在。", f"The area {name!r} exists already.")
    area = Area(code=code, name=name, active=True)
    session.add(area)
    session.flush()
    audit.record(session, actor, "area.add", "area", area.id, after={"code": code, "name": name})
    return changed(AreaInfo(area.id, area.code, area.name, area.active), Change.ADDRESS)


def rename_area(session: Session, actor: Actor, area_id: int, name: str) -> AreaInfo:
    require(session, actor, "address.manage")
    area = session.get(Area, area_id)
    if area is None:
        raise NotFound("找不到该片区。", "No such area.")
    name = _clean_name(name, "片区", "area")
    if session.scalar(select(Area.id).where(Area.name == name, Area.id != area_id)):
        raise Conflict(f"片区“{name}”已存在。", f"The area {name!r} exists already.")
    before = {"name": area.name}
    area.name = name
    audit.record(session, actor, "area.rename", "area", area.id, before=before, after={"name": name})
    return changed(AreaInfo(area.id, area.code, area.name, area.active), Change.ADDRESS)


def add_compound(session: Session, actor: Actor, area_id: int, name: str, street_address: str = "") -> CompoundInfo:
    require(session, actor, "address.manage")
    area = session.get(Area, area_id)
    if area is None:
        raise NotFound("找不到该片区。", "No such area.")
    name = _clean_name(name, "小区", "compound")
    if session.scalar(select(Compound.id).where(Compound.area_id == area_id, Compound.name == name)):
        raise Conflict(f"片区“{area.name}”里已有小区“{name}”。", f"Area {area.name!r} already has a compound {name!r}.")
    compound = Compound(area_id=area_id, name=name, street_address=street_address.strip(), active=True)
    session.add(compound)
    session.flush()
    audit.record(session, actor, "compound.add", "compound", compound.id,
                 after={"area": area.code, "name": name, "street_address": compound.street_address})
    return changed(_compound_info(compound), Change.ADDRESS)


def set_compound_active(session: Session, actor: Actor, compound_id: int, active: bool) -> CompoundInfo:
    require(session, actor, "address.manage")
    compound = session.get(Compound, compound_id)
    if compound is None:
        raise NotFound("找不到该小区。", "No such compound.")
    before = {"active": compound.active}
    compound.active = active
    audit.record(session, actor, "compound.enable" if active else "compound.disable", "compound", compound.id,
                 before=before, after={"active": active})
    return changed(_compound_info(compound), Change.ADDRESS)


def area_id_by_code(session: Session, code: str | None) -> int | None:
    """The area a typed code names (None for none given); an unknown code is refused in words."""
    if code is None:
        return None
    area_id = session.scalar(select(Area.id).where(Area.code == code.strip()))
    if area_id is None:
        raise NotFound(f"没有代码为 {code} 的片区。", f"No area has the code {code}.")
    return area_id
