"""Metadata of the five gov.cn pages of tests/fixtures/web/, written from the pages.

Each page opens with gov.cn's catalogue table (索引号, 主题分类, 发文机关,
成文日期, 标题, 发文字号, 发布日期, 主题词 — the last empty on all five); the
addressees, the 附注 and the signature are read from the notice below it. A
field the page does not show is None (or empty).
"""

from __future__ import annotations

from datetime import date

STATE_COUNCIL_ADDRESSEES = ["各省人民政府", "自治区人民政府", "直辖市人民政府", "国务院各部委", "国务院各直属机构"]
"""各省、自治区、直辖市人民政府，国务院各部委、各直属机构： split like every unit list."""

EMPTY = {
    "attachment_title": None, "cc": [], "printing_office": None, "printed_date": None, "copy_no": None,
    "classification": None, "urgency": None, "signer": None,
}

METADATA: dict[str, dict] = {
    "国办发〔2018〕117号": {
        **EMPTY,
        "doc_number": "国办发〔2018〕117号", "doc_agency": "国办发", "doc_year": 2018, "doc_serial": 117,
        "issuer": "国务院办公厅",
        "title": "国务院办公厅关于对真抓实干成效明显地方进一步加大激励支持力度的通知",
        "addressees": STATE_COUNCIL_ADDRESSEES,
        "signed_date": date(2018, 12, 6), "published_date": date(2018, 12, 10),
        "publicity": "公开发布", "index_no": "000014349/2018-00214", "subject": "综合政务\\政务督查",
    },
    "国办发〔2018〕121号": {
        **EMPTY,
        "doc_number": "国办发〔2018〕121号", "doc_agency": "国办发", "doc_year": 2018, "doc_serial": 121,
        "issuer": "国务院办公厅",
        "title": "国务院办公厅关于加快发展体育竞赛表演产业的指导意见",
        "addressees": STATE_COUNCIL_ADDRESSEES,
        "signed_date": date(2018, 12, 11), "published_date": date(2018, 12, 21),
        "publicity": "公开发布", "index_no": "000014349/2018-00217", "subject": "卫生、体育\\体育",
    },
    "国办发〔2018〕129号": {
        **EMPTY,
        "doc_number": "国办发〔2018〕129号", "doc_agency": "国办发", "doc_year": 2018, "doc_serial": 129,
        "issuer": "国务院办公厅",
        "title": "国务院办公厅关于深入开展消费扶贫助力打赢脱贫攻坚战的指导意见",
        "addressees": STATE_COUNCIL_ADDRESSEES,
        "signed_date": date(2018, 12, 30), "published_date": date(2019, 1, 14),
        "publicity": "公开发布", "index_no": "000014349/2018-00229", "subject": "民政、扶贫、救灾\\扶贫",
    },
    "国发〔2019〕5号": {
        **EMPTY,
        "doc_number": "国发〔2019〕5号", "doc_agency": "国发", "doc_year": 2019, "doc_serial": 5,
        "issuer": "国务院",
        "title": "国务院关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见",
        "addressees": STATE_COUNCIL_ADDRESSEES,
        "signed_date": date(2019, 1, 27), "published_date": date(2019, 2, 15),
        "publicity": "公开发布", "index_no": "000014349/2019-00007", "subject": "市场监管、安全生产监管\\工商",
    },
    "国令第707号": {
        **EMPTY,
        # An order: numbered without a year, signed by the premier (总理 李克强), no addressees, no 附注.
        "doc_number": "国令第707号", "doc_agency": "国令", "doc_year": None, "doc_serial": 707,
        "issuer": "国务院",
        "title": "中华人民共和国个人所得税法实施条例",
        "addressees": [],
        "signed_date": date(2018, 12, 18), "published_date": date(2018, 12, 22),
        "publicity": None, "index_no": "000014349/2018-00218", "subject": "财政、金融、审计\\税务",
    },
}

WITHOUT_TASKS = ("国发〔2019〕5号", "国令第707号")
"""An opinion with no per-task units, and a regulation: neither assigns a task."""

PARAGRAPHS: dict[str, dict[int, str]] = {
    # Paragraphs by position among the notice's paragraphs, as the page shows them. The
    # responsibility note is in 楷体 in its own <span>: it stays in its measure's paragraph.
    "国办发〔2018〕117号": {
        0: "国务院办公厅关于对真抓实干成效明显地方",
        1: "进一步加大激励支持力度的通知",
        2: "国办发〔2018〕117号",
        5: "一、对深化商事制度改革成效显著、落实事中事后监管等相关政策措施社会反映好的市（地、州、盟）、"
           "县（市、区、旗），优先纳入深化商事制度改革、加强事中事后监管相关试点，推动降低企业制度性交易成本。"
           "（市场监管总局负责）",
        -4: "自本通知印发之日起，《国务院办公厅关于对真抓实干成效明显地方加大激励支持力度的通知》"
            "（国办发〔2016〕82号）停止执行。",
        -3: "国务院办公厅",
        -2: "2018年12月6日",
        -1: "（此件公开发布）",
    },
    "国办发〔2018〕121号": {
        0: "国务院办公厅关于加快发展",
        1: "体育竞赛表演产业的指导意见",
        2: "国办发〔2018〕121号",
        3: "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
        5: "一、总体要求",
        7: "（二）基本原则。",
        -3: "国务院办公厅",
        -2: "2018年12月11日",
        -1: "（此件公开发布）",
    },
    "国令第707号": {
        0: "中华人民共和国国务院令",
        1: "第707号",
        2: "现公布修订后的《中华人民共和国个人所得税法实施条例》，自2019年1月1日起施行。",
        3: "总理 李克强",
        4: "2018年12月18日",
        5: "中华人民共和国个人所得税法实施条例",
        7: "第一条 根据《中华人民共和国个人所得税法》（以下简称个人所得税法），制定本条例。",
        -1: "第三十六条 本条例自2019年1月1日起施行。",
    },
}
