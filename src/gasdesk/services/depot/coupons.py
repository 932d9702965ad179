"""液化气票: coupon books received into a depot's stock, sold whole with a receipt, and each coupon
cancelled when it pays for one full cylinder of its size at an exchange.

A coupon is refused with a stable reason code (REASON in labels.py): ``coupon_unknown`` (no such
serial), ``coupon_unsold`` (still in stock: nobody paid for it), ``coupon_used`` (redeemed
before) and ``coupon_other_size`` (for another size). Redemption is a conditional update on the
coupon's row (sold → redeemed), so two counters cannot both redeem one coupon.

The sale is the money (ledger kind ``coupon_sale``, the company's revenue when the book is paid);
redeeming moves no money.
"""

from __future__ import annotations

from collections import Counter as Tally
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from gasdesk.models import Coupon, CouponBook, CouponStatus, DepotTransaction, Receipt
from gasdesk.money import money
from gasdesk.services import ledger
from gasdesk.services.core import audit
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.changes import Change, Changed
from gasdesk.services.core.errors import Conflict, NotFound, ValidationError
from gasdesk.services.core.label_table import Label, joined
from gasdesk.services.core.permissions import require
from gasdesk.services.depot import customers, cylinders, movements, sales
from gasdesk.services.depot.labels import REASON

COUPON_SERIAL = Label("气票票号", "the coupon's number")
MAX_COUPONS = 5000  # one delivery of printed books
COUPONS = frozenset({Change.LEDGER})


class CouponRefused(Conflict):
    """Coupons refused at an exchange: serial -> reason codes."""

    def __init__(self, refused: dict[str, list[str]]) -> None:
        zh = "；".join(f"{s}：{joined(REASON, r, 'zh')}" for s, r in refused.items())
        en = "; ".join(f"{s}: {joined(REASON, r, 'en')}" for s, r in refused.items())
        super().__init__(f"气票不能使用（{zh}）。", f"Coupon refused ({en}).")
        self.refused = refused


@dataclass(frozen=True)
class BooksReceived(Changed):
    books: list[tuple[str, str]]  # (first serial, last serial)
    count: int


@dataclass(frozen=True)
class BookSold(Changed):
    first_serial: str
    last_serial: str
    count: int
    amount: Decimal
    receipt_number: str
    replayed: bool = False

    def json(self) -> dict[str, object]:
        return {"first_serial": self.first_serial, "last_serial": self.last_serial, "count": self.count,
                "amount": str(self.amount), "receipt_number": self.receipt_number, "replayed": self.replayed}


@dataclass(frozen=True)
class CouponView:
    serial: str
    size: str
    status: str  # unsold | sold | redeemed | unknown
    face_value: Decimal | None
    redeemed_on: str | None

    def json(self) -> dict[str, object]:
        return {"serial": self.serial, "size": self.size, "status": self.status,
                "face_value": None if self.face_value is None else str(self.face_value),
                "redeemed_on": self.redeemed_on}


def receive(session: Session, actor: Actor, serials: str, *, size: str, face_value: Decimal | str,
            per_book: int = 10) -> BooksReceived:
    """Printed books into this depot's stock: a serial range cut into books of ``per_book`` (all or none)."""
    require(session, actor, "depot.register")
    depot = movements.depot_of(session, actor)
    kind = cylinders.size_of(session, size)
    value = money(face_value, signed=False)
    if value <= 0:
        raise ValidationError("气票面值必须大于 0 元。", "A coupon's face value must be more than 0.",
                              field="face_value")
    if not 1 <= per_book <= 100:
        raise ValidationError("每本 1 到 100 张。", "A book has 1 to 100 coupons.", field="per_book")
    batch = cylinders.expand(serials, COUPON_SERIAL, MAX_COUPONS, "张")
    if len(batch) % per_book:
        raise ValidationError(f"{len(batch)} 张不能分成每本 {per_book} 张的整本。",
                              f"{len(batch)} coupons do not make whole books of {per_book}.", field="per_book")
    taken = session.scalars(select(Coupon.serial).where(Coupon.serial.in_(batch)).limit(5)).all()
    if taken:
        raise Conflict(f"票号已登记：{'、'.join(taken)}。", f"Already registered: {', '.join(taken)}.")
    books = []
    for start in range(0, len(batch), per_book):
        part = batch[start:start + per_book]
        book = CouponBook(size=kind.code, face_value=value, first_serial=part[0], last_serial=part[-1],
                          count=len(part), counter_id=depot.id, received_by=actor.user_id)
        session.add(book)
        session.flush()
        session.add_all(Coupon(serial=s, book_id=book.id, size=kind.code) for s in part)
        books.append((part[0], part[-1]))
    session.flush()
    audit.record(session, actor, "depot.coupons", "coupon_book", books[0][0],
                 after={"first": batch[0], "last": batch[-1], "books": len(books), "size": kind.code,
                        "face_value": value})
    return BooksReceived(books, len(batch), changes=COUPONS)


def _book_of(session: Session, serial: str) -> CouponBook:
    text = cylinders.clean_serial(serial, COUPON_SERIAL)
    book = session.scalar(select(CouponBook).join(Coupon, Coupon.book_id == CouponBook.id).where(Coupon.serial == text))
    if book is None:
        raise NotFound(f"没有票号为 {text} 的气票。", f"No coupon numbered {text}.")
    return book


def sell_book(session: Session, actor: Actor, customer_number: str, serial: str, *, method: str, key: str,
              reference: str | None = None, tendered: Decimal | str | None = None) -> BookSold:
    """Sell the whole book that ``serial`` is in (any of its coupons) to the customer, with a receipt."""
    require(session, actor, "depot.sell")
    book = _book_of(session, serial)
    first = ledger.find_posting(session, f"depot-{key}"[:64])
    if first is not None and book.posting_id == first.id:
        number = session.scalar(select(Receipt.number).where(Receipt.posting_id == first.id))
        return BookSold(book.first_serial, book.last_serial, book.count, book.face_value * book.count,
                        number or "", True, changes=COUPONS)
    customer = customers.find(session, customer_number)
    if book.posting_id is not None:
        raise Conflict(f"气票本 {book.first_serial}–{book.last_serial} 已售出。",
                       f"Coupon book {book.first_serial}–{book.last_serial} was sold already.")
    if book.counter_id != movements.depot_of(session, actor).id:
        raise Conflict("这本气票不在本调瓶点的库存里。", "This coupon book is not in this depot's stock.")
    amount = book.face_value * book.count
    posted, receipt = sales.take(
        session, actor, customer.party_id, [ledger.Line("coupon_sale", amount, reason=f"气票 {book.first_serial} 起")],
        method=method, key=key, action="depot.coupon_sale", memo=f"售气票 {book.count} 张",
        reference=reference, tendered=tendered)
    book.customer_id, book.posting_id, book.sold_on = customer.id, posted.posting_id, posted.business_date
    session.execute(update(Coupon).where(Coupon.book_id == book.id).values(status=CouponStatus.SOLD.value))
    session.flush()
    audit.record(session, actor, "depot.coupon_sale", "coupon_book", book.first_serial,
                 after={"customer": customer.number, "count": book.count, "amount": amount,
                        "receipt": receipt.number})
    return BookSold(book.first_serial, book.last_serial, book.count, amount, receipt.number, changes=COUPONS)


def reasons(coupon: Coupon | None, size: str) -> list[str]:
    """Why this coupon cannot pay for a full cylinder of ``size`` (none: it can)."""
    if coupon is None:
        return ["coupon_unknown"]
    found = []
    if coupon.status == CouponStatus.UNSOLD:
        found.append("coupon_unsold")
    elif coupon.status == CouponStatus.REDEEMED:
        found.append("coupon_used")
    if coupon.size != size:
        found.append("coupon_other_size")
    return found


def _find(session: Session, serial: str) -> Coupon | None:
    return session.scalar(select(Coupon).where(Coupon.serial == cylinders.clean_serial(serial, COUPON_SERIAL)))


def check(session: Session, actor: Actor, serial: str) -> CouponView:
    require(session, actor, "depot.view")
    coupon = _find(session, serial)
    if coupon is None:
        return CouponView(cylinders.clean_serial(serial, COUPON_SERIAL), "", "unknown", None, None)
    book = session.get(CouponBook, coupon.book_id)
    assert book is not None
    return CouponView(coupon.serial, coupon.size, coupon.status, book.face_value,
                      coupon.redeemed_on.isoformat() if coupon.redeemed_on else None)


def checked(session: Session, serials: Sequence[str], sizes: Sequence[str]
            ) -> tuple[list[Coupon], dict[str, list[str]]]:
    """The coupons to pay for full cylinders of ``sizes`` (one each), and those refused with reasons."""
    clean = [cylinders.clean_serial(s, COUPON_SERIAL) for s in serials]
    if len(set(clean)) != len(clean):
        raise ValidationError("同一张气票扫了两次。", "The same coupon was scanned twice.", field="coupon")
    if len(clean) != len(sizes):
        raise ValidationError(f"每只满瓶用一张气票：发出 {len(sizes)} 只，扫了 {len(clean)} 张。",
                              f"One coupon per full cylinder: {len(sizes)} handed out, {len(clean)} scanned.",
                              field="coupon")
    rows = {c.serial: c for c in session.scalars(select(Coupon).where(Coupon.serial.in_(clean)))}
    wanted = Tally(sizes)
    found, refused = [], {}
    for serial in clean:
        coupon = rows.get(serial)
        size = coupon.size if coupon is not None and wanted[coupon.size] else next(iter(wanted.elements()), "")
        why = reasons(coupon, size)
        if why:
            refused[serial] = why
        else:
            found.append(coupon)  # type: ignore[arg-type]
            wanted[size] -= 1
    return found, refused


def redeem(session: Session, txn: DepotTransaction, coupons: Sequence[Coupon]) -> None:
    """Cancel ``coupons`` for ``txn`` (sold → redeemed); one redeemed meanwhile refuses them all."""
    for coupon in coupons:
        done = session.execute(
            update(Coupon).where(Coupon.id == coupon.id, Coupon.status == CouponStatus.SOLD.value)
            .values(status=CouponStatus.REDEEMED.value, redeemed_transaction_id=txn.id,
                    redeemed_on=txn.business_date).execution_options(synchronize_session="fetch"))
        if done.rowcount != 1:  # type: ignore[attr-defined]
            raise CouponRefused({coupon.serial: ["coupon_used"]})
    session.flush()


def of_transaction(session: Session, txn_id: int) -> list[str]:
    return list(session.scalars(select(Coupon.serial).where(Coupon.redeemed_transaction_id == txn_id)
                                .order_by(Coupon.serial)))


def redeemed_on(session: Session, counter_id: int, day: date) -> list[tuple[str, str, Decimal]]:
    """(serial, size, face value) of the coupons redeemed at a depot on a day: what its keeper hands in."""
    q = (select(Coupon.serial, Coupon.size, CouponBook.face_value)
         .join(CouponBook, CouponBook.id == Coupon.book_id)
         .join(DepotTransaction, DepotTransaction.id == Coupon.redeemed_transaction_id)
         .where(DepotTransaction.counter_id == counter_id, Coupon.redeemed_on == day).order_by(Coupon.serial))
    return [(s, z, v) for s, z, v in session.execute(q)]

