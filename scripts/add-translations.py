#!/usr/bin/env python3
"""Merges translation keys into assets/translations/en.json and ar.json.

Usage: scripts/add-translations.py NEW.json
NEW.json maps each key to {"en": "...", "ar": "..."}. Existing keys are
overwritten. A counted noun takes plural forms instead of a string, in
go-i18n's format (CLDR categories): {"en": {"one": "...", "other": "..."},
"ar": {"zero": "...", "one": "...", "two": "...", "few": "...", "many": "...",
"other": "..."}}; ui/i18n.PluralKeys must then list the key. The files are rewritten sorted, under a lock, so several people
can add keys at the same time without losing each other's.
"""
import fcntl, json, os, sys

# PLURAL_FORMS are the CLDR cardinal categories each language must give.
PLURAL_FORMS = {
    "en": ("one", "other"),
    "ar": ("zero", "one", "two", "few", "many", "other"),
}


def check(key, lang, text):
    """Exits naming the key and language when text is not a non-empty string
    or a complete set of that language's plural forms."""
    if isinstance(text, str):
        if not text.strip():
            sys.exit(f"key {key}: missing {lang} text")
        return
    if not isinstance(text, dict):
        sys.exit(f"key {key}: {lang} text must be a string or an object of plural forms")
    want = set(PLURAL_FORMS[lang])
    got = set(text)
    if got != want:
        sys.exit(f"key {key}: {lang} plural forms are {sorted(got)}, want {sorted(want)}")
    for form, s in text.items():
        if not isinstance(s, str) or not s.strip():
            sys.exit(f"key {key}: {lang} plural form {form} is empty")


root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "assets", "translations")
new = json.load(open(sys.argv[1], encoding="utf-8"))
with open(os.path.join(root, ".lock"), "w") as lock:
    fcntl.flock(lock, fcntl.LOCK_EX)
    for lang in ("en", "ar"):
        path = os.path.join(root, lang + ".json")
        data = json.load(open(path, encoding="utf-8"))
        for key, val in new.items():
            if lang not in val:
                sys.exit(f"key {key}: missing {lang} text")
            check(key, lang, val[lang])
            data[key] = val[lang]
        tmp = path + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(dict(sorted(data.items())), f, ensure_ascii=False, indent=2)
            f.write("\n")
        os.replace(tmp, path)
print(f"merged {len(new)} keys")
