"""A document's metadata, read from the document itself (and its file name), or from a manifest.

Every field records how it was found and how sure that is (``DocumentMeta.provenance``, one
``FieldSource`` per field). A manifest value always wins and says so ("manifest", 1.0).

Inference, strongest evidence first:

* **title** — the document's own title line at the top (关于…的通知, …实施方案, …指导意见,
  …办法, 2024年政府工作报告 …: a line, or lines of one block joined, that ends with a kind word of
  ``documents.toml`` and a bracketed note such as （试行）), with a subtitle line "——…" joined to
  the line before it; else the document a notice issues ("现将《…》印发给你们"); else the first
  line when it is an unnumbered heading; else the file name. Spaces between Chinese characters
  are removed.
* **issuer and date** — the closing lines (落款 "山东省人民政府办公厅 2019年5月24日", "…2019年3月15日印发"),
  the dateline of a report ("——2024年2月21日在…人民代表大会…会议上", also without the dash and in
  old characters: "1957年6月26日在…會議上") and its speaker line ("…人民政府区长 …"), a date in brackets
  under the title ("（2023年3月13日…会议通过）", "（2023年4月12日）"), the header of a web page
  ("发布机构", "成文日期"), or the issuer in front of the title ("商务部关于…的通知"); else the file
  name (province_005_2019-05-24.txt).
* **region** — the place named by the issuer (a central body without a place name, 工业和信息化部,
  is 全国), the dateline, the title, the file name (2024_鹰潭市月湖区_…), the addressees
  (各省、自治区、直辖市 → 全国), then 我省/我市/我区 together with the place of that level the text
  names most; a text that only speaks of 我国/全国 is national. The gazetteer (every division of
  China) gives the canonical name, the level and the province.
* **year** — the year the document was issued (a report: delivered; a statistical bulletin: the
  year it reports on): the date above; a work report's title year; the file name; another title
  year; for a report, the year its section headings review (一、2023年工作回顾: 2024) or plan
  (二、2024年工作安排), else the year after the one it names most. Years in Chinese numerals
  (一九五八年) count. Never a year the text sets a target for (到2025年), a period (2021—2025年) or
  the year of a document it cites.
* **doc_type** — the kind of the title (or the file name): 政府工作报告, 计划报告, 统计公报,
  通知, 意见, 规划, 政策, 批复, 决议, 报告 ("…关于政府工作报告的决议" is a 决议); else what the text
  declares ("制定本实施方案") or says in its opening ("我代表国务院，向大会作政府工作报告" is a work
  report, "…会议听取和审议了…" a resolution).

The package: this module (inference, manifests, corrections), ``text`` (the lines read, the methods
recorded), ``title`` (title, issuer and date, kind), ``region`` and ``year``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import replace

from assistant.core.datatypes import DocumentMeta, FieldSource, Level
from assistant.core.errors import MetadataError
from assistant.knowledge.gazetteer import Gazetteer, builtin_gazetteer
from index.metadata.region import find_region, province_of
from index.metadata.text import (  # noqa: F401 - the method names are part of the API
    ADDRESSEES, CLOSING, DATELINE, DECLARED, FILE_NAME, FIRST_HEADING, HEADER, ISSUED_DOCUMENT, ISSUER, MANIFEST,
    MANIFEST_FIELDS, META_FIELDS, MOST_NAMED, NATIONAL_TEXT, OPENING, SECTION_YEARS, SELF_REFERENCE, TEXT_YEARS,
    TITLE_LINE, USER, Found, prepare,
)
from index.metadata.title import find_doc_type, find_issuer_and_date, find_title, parse_date, stem_date
from index.metadata.year import find_year

logger = logging.getLogger(__name__)


def infer_meta(text: str, file_name: str, gazetteer: Gazetteer | None = None) -> DocumentMeta:
    """Metadata read from the document and its file name; ``provenance`` says how each field was found."""
    gazetteer = gazetteer or builtin_gazetteer()
    doc = prepare(text, file_name)
    title = find_title(doc)
    issuer, closing_date = find_issuer_and_date(doc)
    date = closing_date or stem_date(doc.stem)
    doc_type = find_doc_type(doc, title)
    region = find_region(doc, title, issuer, gazetteer)
    year = find_year(doc, title, date, doc_type)
    found: dict[str, Found | None] = {"title": title, "issuer": issuer, "date": date, "doc_type": doc_type,
                                       "region": region, "year": year}
    place = gazetteer.get(str(region.value)) if region else None
    if region is not None:
        found["level"] = Found(place.level if place else Level.UNKNOWN, region.method, region.confidence, region.evidence)
        province = province_of(place, gazetteer)
        found["province"] = Found(province, region.method, region.confidence, region.evidence) if province else None
    values = {name: (item.value if item else None) for name, item in found.items()}
    provenance = tuple(
        FieldSource(name, item.method, round(item.confidence, 2), item.evidence[:80])
        for name in META_FIELDS if (item := found.get(name)) is not None and item.value not in ("", None, Level.UNKNOWN)
    )
    return DocumentMeta(
        source=file_name,
        title=str(values.get("title") or ""),
        region=str(values.get("region") or ""),
        province=str(values.get("province") or ""),
        level=values.get("level") or Level.UNKNOWN,  # type: ignore[arg-type]
        year=values.get("year"),  # type: ignore[arg-type]
        doc_type=str(values.get("doc_type") or ""),
        date=str(values.get("date") or ""),
        issuer=str(values.get("issuer") or ""),
        inferred=tuple(source.field for source in provenance),
        provenance=provenance,
    )


def meta_from_manifest(row: dict, file_name: str, text: str) -> DocumentMeta:
    """Metadata from a manifest row; empty or invalid fields are inferred (and say how)."""
    values = {key: str(row.get(key) or "").strip() for key in MANIFEST_FIELDS}
    given: dict[str, object] = {name: value for name, value in values.items() if value and name not in ("level", "year")}
    if values["level"]:
        try:
            given["level"] = Level.parse(values["level"])
        except ValueError as error:
            logger.warning("%s: %s in the manifest; inferring the level instead", file_name, error)
    if values["year"]:
        try:
            given["year"] = int(values["year"])
        except ValueError:
            logger.warning("%s: year %r in the manifest is not a number; inferring it", file_name, values["year"])
    guess = infer_meta(text, file_name)
    return with_values(guess, given, MANIFEST)


EDITABLE_FIELDS = ("title", "region", "year", "date", "doc_type", "issuer", "level", "province")


def parse_corrections(values: Mapping[str, str]) -> dict[str, object]:
    """Field values typed by a user (``{"region": "山东省", "year": "2019"}``), checked and typed;
    "" clears a field. Raises ``MetadataError`` naming the bad field or value."""
    parsed: dict[str, object] = {}
    for name, raw in values.items():
        name, text = str(name).strip(), str(raw if raw is not None else "").strip()
        if name not in EDITABLE_FIELDS:
            raise MetadataError(f"{name!r} is not a field that can be set; use one of: {', '.join(EDITABLE_FIELDS)}")
        if name == "year":
            if text and not re.fullmatch(r"(?:19|20)\d{2}", text):
                raise MetadataError(f"year {text!r} is not a year such as 2019")
            parsed[name] = int(text) if text else None
        elif name == "level":
            try:
                parsed[name] = Level.parse(text) if text else Level.UNKNOWN
            except ValueError as error:
                raise MetadataError(str(error)) from None
        elif name == "date":
            if text and not parse_date(text):
                raise MetadataError(f"date {text!r} is not a date such as 2019-05-24")
            parsed[name] = parse_date(text) if text else ""
        else:
            parsed[name] = text
    return parsed


def with_values(meta: DocumentMeta, values: dict[str, object], method: str, evidence: str = "") -> DocumentMeta:
    """``meta`` with some fields set by a manifest or a user (confidence 1, the method recorded).

    A region given without its level or province gets them from the gazetteer.
    """
    values = {name: value for name, value in values.items() if name in META_FIELDS}
    given = set(values)
    if "region" in values:
        place = builtin_gazetteer().get(str(values["region"])) if values["region"] else None
        if "level" not in values:
            values["level"] = place.level if place else Level.UNKNOWN
            if not place and values["region"]:
                values["level"] = builtin_gazetteer().level_of(str(values["region"]))
        if "province" not in values:
            values["province"] = province_of(place, builtin_gazetteer()) if place else ""
    sources = [s for s in meta.provenance if s.field not in values]
    sources += [FieldSource(name, method if name in given else f"{method} region → gazetteer", 1.0, evidence)
                for name in META_FIELDS if name in values and values[name] not in ("", None, Level.UNKNOWN)]
    order = {name: i for i, name in enumerate(META_FIELDS)}
    provenance = tuple(sorted(sources, key=lambda s: order.get(s.field, len(order))))
    inferred = tuple(s.field for s in provenance if s.method not in (MANIFEST, USER))
    return replace(meta, **values, provenance=provenance, inferred=inferred)  # type: ignore[arg-type]


def describe(meta: DocumentMeta) -> list[tuple[str, str, str, float, str]]:
    """``(field, value, method, confidence, evidence)`` for each field, for ``documents`` listings."""
    rows = []
    for name in META_FIELDS:
        value = getattr(meta, name)
        value = value.value if isinstance(value, Level) else value
        source = meta.source_of(name)
        rows.append((name, "" if value in (None, "unknown") else str(value), source.method if source else "",
                     source.confidence if source else 0.0, source.evidence if source else ""))
    return rows


__all__: Iterable[str] = ("infer_meta", "meta_from_manifest", "with_values", "parse_corrections", "describe",
                          "MANIFEST_FIELDS", "META_FIELDS", "EDITABLE_FIELDS")
