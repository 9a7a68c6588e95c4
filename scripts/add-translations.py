#!/usr/bin/env python3
"""Merges translation keys into assets/translations/en.json and ar.json.

Usage: scripts/add-translations.py NEW.json
NEW.json maps each key to {"en": "...", "ar": "..."}. Existing keys are
overwritten. The files are rewritten sorted, under a lock, so several people
can add keys at the same time without losing each other's.
"""
import fcntl, json, os, sys

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "assets", "translations")
new = json.load(open(sys.argv[1], encoding="utf-8"))
with open(os.path.join(root, ".lock"), "w") as lock:
    fcntl.flock(lock, fcntl.LOCK_EX)
    for lang in ("en", "ar"):
        path = os.path.join(root, lang + ".json")
        data = json.load(open(path, encoding="utf-8"))
        for key, val in new.items():
            if lang not in val or not val[lang].strip():
                sys.exit(f"key {key}: missing {lang} text")
            data[key] = val[lang]
        tmp = path + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(dict(sorted(data.items())), f, ensure_ascii=False, indent=2)
            f.write("\n")
        os.replace(tmp, path)
print(f"merged {len(new)} keys")
