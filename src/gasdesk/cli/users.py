"""`gasdesk user add`: the first admin of an empty database, or a user added by an admin."""

from __future__ import annotations

import argparse

from gasdesk.cli import common
from gasdesk.services.core import labels
from gasdesk.services.core.errors import ValidationError


def cmd_user_add(args: argparse.Namespace) -> int:
    from gasdesk.services.core.runner import run
    from gasdesk.services.office import users

    role = users.parse_role(args.role)
    with common.opened(args) as db:
        with db.read() as s:
            empty = not users.has_users(s)
        new_password = common.password(f"{args.login} 的新密码 / new password: ", "GASDESK_NEW_PASSWORD")
        name = args.name or args.login
        if empty:
            if role.value != "admin":
                raise ValidationError("数据库里还没有用户：第一个用户必须是管理员（--role admin）。",
                                      "The database has no users yet: the first one must be an admin (--role admin).")
            info = run(db, None, lambda s: users.create_first_admin(s, args.login, name, new_password))
        else:
            actor = common.login(db, args)
            info = run(db, actor, lambda s: users.add_user(s, actor, args.login, name, role, new_password))
    role = labels.text(labels.ROLE, info.role.value)
    common.out(common.words(f"已添加用户 {info.login}，角色：{role}", f"user {info.login} added as {role}"))
    return 0


def register(sub: argparse._SubParsersAction, common_options: argparse.ArgumentParser) -> None:
    w = common.words
    u = common.command(sub, "user", w("用户", "users"))
    usub = u.add_subparsers(dest="user_command", required=True)
    ua = common.command(usub, "add", w("添加用户：第一个用户必须是管理员，以后由管理员添加（--user）；"
                                       "新密码取自环境变量 GASDESK_NEW_PASSWORD，没有时提示输入",
                                       "add a user: the first one must be an admin, later ones are added by an "
                                       "admin (--user); the new password from GASDESK_NEW_PASSWORD or a prompt"),
                        common_options)
    ua.add_argument("login", help=w("新用户的登录名", "the new user's login"))
    ua.add_argument("--role", required=True, help=w("角色：", "role: ") + common.codes(labels.ROLE))
    ua.add_argument("--name", help=w("姓名（默认与登录名相同）", "the name shown (default: the login)"))
    ua.set_defaults(func=cmd_user_add)
