"""The depot's words, in both languages: cylinder states and events, refusal reasons, customer kinds."""

from __future__ import annotations

from gasdesk.services.core.label_table import table

CYLINDER_STATE = table("""
    full          | 满瓶在库   | full, in stock
    empty         | 空瓶在库   | empty, in stock
    with_customer | 在用户处   | with a customer
    in_custody    | 代存       | in custody
    at_inspection | 送检中     | at inspection
    at_plant      | 在充装站   | at the filling plant
    rejected      | 停用待处理 | rejected
    scrapped      | 已报废     | scrapped
""")

CYLINDER_EVENT = table("""
    register        | 登记入册   | register
    receive_full    | 充装站送满瓶 | receive full from the plant
    send_to_plant   | 空瓶送充装站 | send empty to the plant
    hand_out        | 发出满瓶   | hand out full
    take_in         | 收回空瓶   | take in empty
    send_inspection | 送检       | send for inspection
    pass_inspection | 检验合格   | passed inspection
    return_own      | 自有瓶检毕代存 | own cylinder back from inspection
    fail_inspection | 检验报废   | failed inspection
    reject          | 停用       | reject
    scrap           | 报废       | scrap
    take_custody    | 收存顾客钢瓶 | take into custody
    hand_back       | 发还顾客钢瓶 | hand back from custody
    reassign        | 转记持瓶人 | holder re-recorded
""")

# The stable reason codes of a refusal (depot check --json "reasons"; the rejection log).
REASON = table("""
    unregistered        | 钢瓶未登记           | not registered
    inspection_overdue  | 超过检验期           | overdue for inspection
    life_over           | 超过设计使用年限     | past its design life
    damaged             | 钢瓶损坏             | damaged
    stamp_illegible     | 钢印不清             | stamp illegible
    scrap_mark          | 有报废标记           | carries a scrap mark
    other_owner         | 是其他用户的自有瓶   | another customer's own cylinder
    not_with_customer   | 记录上不在用户处     | not recorded as out with a customer
    no_deposit          | 该用户没有这种规格的押金或换瓶记录 | no deposit or exchange for this size
    not_full            | 不是满瓶             | not full
    not_in_stock        | 不在本调瓶点库存     | not in this depot's stock
    inspection_due_soon | 即将到检验期         | inspection falls due soon
    other_size          | 与换回的空瓶规格不同 | not the size of the empty
    not_empty           | 不是空瓶在库         | not an empty in stock
    not_at_plant        | 没有送往充装站       | not sent to the filling plant
    not_at_inspection   | 没有送检             | not sent for inspection
    not_in_custody      | 不在代存             | not in custody
    not_own             | 不是该用户的自有瓶   | not the customer's own cylinder
    coupon_unknown      | 没有这张气票         | no such coupon
    coupon_unsold       | 气票尚未售出         | coupon not sold
    coupon_used         | 气票已经用过         | coupon already used
    coupon_other_size   | 气票不是这种规格的   | coupon for another size
""")

# A batch's depot transaction kind (services.depot.batches).
BATCH_KIND = table("""
    to_plant        | 空瓶送充装   | sent to the filling plant
    from_plant      | 充装满瓶入库 | received full from the plant
    to_inspection   | 送检         | sent for inspection
    from_inspection | 检验回厂     | back from inspection
    scrap           | 报废         | scrapped
""")

CUSTOMER_KIND = table("""
    household  | 居民   | household
    restaurant | 餐饮   | restaurant
    other      | 其他   | other
""")
