#!/usr/bin/env python3
"""Replaces Fyne's lang.L( and lang.X( calls in package ui by the one
translator's i18n.T( and i18n.X( (sullam/ui/i18n, which delegates to the
window's current Translator), fixing the imports of each changed file.

Usage: scripts/replace-lang-calls.py [DIR]   (default: ui, next to scripts/)

Re-run it after a merge brings new lang.L calls: it changes only what is
left. Fyne's own widgets keep reading Fyne's lang, which ui/i18n feeds from
the same bundle. Files under ui/i18n are not touched (the binding itself and
its tests call lang on purpose). gofmt runs on the changed files.
"""
import os, re, subprocess, sys

CALL = re.compile(r"\blang\.(L|X)\(")
LANG_USE = re.compile(r"\blang\.[A-Z]\w*")
LANG_IMPORT = re.compile(r'^\s*"fyne\.io/fyne/v2/lang"\s*\n', re.M)
I18N_IMPORT = '"sullam/ui/i18n"'


def fix(path):
    src = open(path, encoding="utf-8").read()
    out, n = CALL.subn(lambda m: "i18n.T(" if m.group(1) == "L" else "i18n.X(", src)
    if n == 0:
        return 0
    if not LANG_USE.search(LANG_IMPORT.sub("", out)):
        out = LANG_IMPORT.sub("", out, count=1)
    if I18N_IMPORT not in out:
        m = re.search(r"^import \((.*?)^\)", out, re.S | re.M)
        if not m:
            sys.exit(f"{path}: no import block to add {I18N_IMPORT} to")
        block = m.group(0)
        out = out.replace(block, block[:-1] + "\n\t" + I18N_IMPORT + "\n)", 1)
    open(path, "w", encoding="utf-8").write(out)
    return n


def main():
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    d = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "ui")
    changed, total = [], 0
    for name in sorted(os.listdir(d)):
        p = os.path.join(d, name)
        if not name.endswith(".go") or not os.path.isfile(p):
            continue
        n = fix(p)
        if n:
            changed.append(p)
            total += n
    if changed:
        subprocess.run(["gofmt", "-w", *changed], check=True)
    print(f"replaced {total} calls in {len(changed)} files")


if __name__ == "__main__":
    main()
