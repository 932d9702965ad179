"""Holder identity: ID card numbers (GB 11643), phones, masking and pinyin search keys."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from stdnum.cn import ric
from stdnum.exceptions import InvalidComponent

from gasdesk.services.core.errors import ValidationError
from gasdesk.services.core.text import normalize_typed

_MOBILE = re.compile(r"1[3-9]\d{9}")
_LANDLINE_LOCAL = re.compile(r"[2-9]\d{6,7}")
ID_FIELD = "id_number"  # the field a refusal names (the forms call their inputs the same)


def id_check_char(first17: str) -> str:
    """The GB 11643 (ISO 7064 MOD 11-2) check character of the first 17 digits: 0-9 or X."""
    if len(first17) != 17 or not first17.isdigit():
        raise ValueError(f"an ID number body has 17 digits: {first17!r}")
    # stdnum wants the whole 18-character number and ignores its last character.
    return ric.calc_check_digit(first17 + "0")


def validate_id_number(text: str) -> str:
    """An 18-character resident ID number (GB 11643-1999) with a valid birth date and check.

    Birth date and check character come from ``stdnum.cn.ric``; its validate() is not used:
    it checks the character before the date (a mistyped date would get the wrong message),
    takes any year (1899, 2099), and refuses a number whose area code its table dates after the
    birth year (320102 玄武区 and 420102 江岸区 are "[1983-]", so everyone born there before 1983
    would be refused, though their cards carry the code in force when they were issued).
    """
    value = normalize_typed(text).upper()
    if not value:
        raise ValidationError("请填写身份证号码。", "Please enter the ID card number.", field=ID_FIELD)
    if len(value) != 18 or not value[:17].isdigit() or not (value[17].isdigit() or value[17] == "X"):
        raise ValidationError(
            f"身份证号码应为 18 位（前 17 位数字，末位数字或 X），您输入了 {len(value)} 位：{value}",
            f"An ID card number has 18 characters (17 digits, then a digit or X); got {len(value)}: {value}",
            field=ID_FIELD,
        )
    try:
        born = ric.get_birth_date(value)
    except InvalidComponent:
        born = None
    if born is None or born.year < 1900 or born > date.today():
        raise ValidationError(
            f"身份证号码中的出生日期 {value[6:14]} 不是有效日期，请核对。",
            f"The birth date {value[6:14]} in the ID card number is not a valid date.",
            field=ID_FIELD,
        )
    if id_check_char(value[:17]) != value[17]:
        raise ValidationError(
            "身份证号码校验位不对，请核对后重新输入。",
            "The ID card number's check character is wrong; please check and type it again.",
            field=ID_FIELD,
        )
    return value


def mask_id(value: str) -> str:
    """110************1234: first 3 and last 4 shown (RELIABILITY: personal data masked)."""
    if len(value) <= 7:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


def validate_phone(text: str, *, required: bool = True, field: str = "phone") -> str:
    """A mainland mobile (13812345678) or a landline with its area code (010-12345678).
    ``field`` names the input in a refusal (``phone2`` for the second phone)."""
    raw = normalize_typed(text).replace("-", "").replace("(", "").replace(")", "")
    if raw.startswith("+86"):
        raw = raw[3:]
    if not raw:
        if required:
            raise ValidationError("请填写联系电话。", "Please enter a phone number.", field=field)
        return ""
    if _MOBILE.fullmatch(raw):
        return raw
    if raw.startswith("0") and raw.isdigit():
        # Area codes: 010 and 02x are three digits, all others four.
        code_len = 3 if raw.startswith(("010", "02")) else 4
        code, local = raw[:code_len], raw[code_len:]
        if _LANDLINE_LOCAL.fullmatch(local):
            return f"{code}-{local}"
    raise ValidationError(
        f"电话号码无效：{text.strip()}。手机号为 11 位（1 开头，第二位 3-9）；固定电话请带区号，如 010-12345678。",
        f"Invalid phone number: {text.strip()}. A mobile has 11 digits starting 13-19; a landline "
        "needs its area code, e.g. 010-12345678.",
        field=field,
    )


def phone_tail4(phone: str) -> str:
    digits = "".join(c for c in phone if c.isdigit())
    return digits[-4:]


def mask_phone(phone: str) -> str:
    """138****5678 / 010-****5678."""
    if len(phone) < 8:
        return phone
    return phone[:-8] + "****" + phone[-4:] if "-" not in phone[-8:] else phone


def mask_name(name: str) -> str:
    """张* / 欧** / J*** (a receipt or notice others may see): the first character kept."""
    return name[:1] + "*" * (len(name) - 1) if len(name) > 1 else name


def clean_holder_name(text: str) -> str:
    name = unicodedata.normalize("NFKC", text or "").strip()
    name = re.sub(r"\s+", " ", name)
    if not name:
        raise ValidationError("请填写户主姓名。", "Please enter the holder's name.", field="name")
    if len(name) > 60:
        raise ValidationError("户主姓名太长（最多 60 字）。", "The holder's name is too long (60 at most).",
                              field="name")
    return name


# Surnames read differently from the everyday character (曾 zeng not ceng, 单 shan not dan):
# the counter types the surname as people say it.
SURNAME_READINGS = {
    "曾": "zeng", "单": "shan", "解": "xie", "仇": "qiu", "朴": "piao", "查": "zha", "区": "ou",
    "覃": "qin", "乐": "yue", "盖": "ge", "缪": "miao", "召": "shao", "种": "chong", "员": "yun",
    "冼": "xian", "秘": "bi", "繁": "po", "尉": "yu", "长": "chang", "翟": "zhai", "沈": "shen",
    "藏": "zang", "宿": "su", "句": "gou", "折": "she", "那": "na", "重": "chong", "华": "hua",
}


def name_keys(name: str) -> tuple[str, str]:
    """(full pinyin, initials) in lower case, letters and digits only: 张三 -> (zhangsan, zs).

    Latin words keep their letters in the full key and give their first letter to the
    initials, as Han syllables do: Li Ming -> (liming, lm).
    """
    from pypinyin import lazy_pinyin  # its phrase dictionary takes 0.4 s to load: only for who needs keys

    full = lazy_pinyin(name, errors="default")
    if name and name[0] in SURNAME_READINGS:
        full[0] = SURNAME_READINGS[name[0]]
    keep = re.compile(r"[^a-z0-9]")
    pinyin = keep.sub("", "".join(full).lower())
    words = (keep.sub("", word.lower()) for chunk in full for word in chunk.split())
    initials = "".join(word[0] for word in words if word)
    return pinyin[:160], initials[:40]
