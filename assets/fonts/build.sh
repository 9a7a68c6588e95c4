#!/bin/bash
# Regenerates SullamSans-Regular.ttf and SullamSans-Bold.ttf: Noto Sans (Latin)
# merged with Noto Sans Arabic, subset to the scripts Sullam shows.
#
# Needs (Debian): fonts-noto-core, fonttools (pyftsubset, pyftmerge) or python3-fonttools.
# Usage: assets/fonts/build.sh            (writes next to this script)
#        NOTO_DIR=/path/to/noto assets/fonts/build.sh
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
src=${NOTO_DIR:-/usr/share/fonts/truetype/noto}
py=${PYTHON:-/usr/bin/python3}
# Reproducible output: fontTools stamps head.modified with this date.
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1609459200} # 2021-01-01
"$py" -c 'import fontTools' 2>/dev/null || { echo "need python3-fonttools (apt-get install fonttools)" >&2; exit 1; }

# pyftsubset / pyftmerge from the fonttools package, or the same tools as modules.
subset() { if command -v pyftsubset >/dev/null; then pyftsubset "$@"; else "$py" -m fontTools.subset "$@"; fi; }
merge() { if command -v pyftmerge >/dev/null; then pyftmerge "$@"; else "$py" -m fontTools.merge "$@"; fi; }

# Latin side: Basic Latin, Latin-1, Latin Extended-A, spacing modifiers used by
# Latin-1 accents, general punctuation (incl. bidi marks LRM/RLM/ZWJ/ZWNJ and
# isolates), currency and a few symbols, the dotted circle shapers use for lone marks.
latin='U+0000-017F,U+02C6-02DD,U+2000-206F,U+20A0-20C0,U+2116,U+2122,U+2190-2193,U+2212,U+25CC,U+FEFF,U+FFFD'
# Arabic side: the Arabic block (letters, Arabic-Indic and Eastern digits,
# Arabic punctuation), Presentation Forms A and B, the Arabic letter mark.
# Code points both fonts have (space, digits, ZWJ...) come from the Latin font,
# which pyftmerge takes first.
arabic='U+0600-06FF,U+FB50-FDFF,U+FE70-FEFC,U+061C'

common=(--layout-features='*' --no-hinting --drop-tables+=DSIG --name-IDs='*'
        --name-languages='*' --glyph-names --notdef-outline --recalc-bounds)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for weight in Regular Bold; do
  subset "$src/NotoSans-$weight.ttf" --unicodes="$latin" "${common[@]}" \
    --output-file="$tmp/latin-$weight.ttf"
  subset "$src/NotoSansArabic-$weight.ttf" --unicodes="$arabic" "${common[@]}" \
    --output-file="$tmp/arabic-$weight.ttf"

  # pyftmerge needs one unitsPerEm: scale the Arabic font to the Latin one (the
  # Latin font stays untouched, so Latin glyphs keep their metrics).
  "$py" - "$tmp/latin-$weight.ttf" "$tmp/arabic-$weight.ttf" <<'EOF'
import sys
from fontTools.ttLib import TTFont
from fontTools.ttLib.scaleUpem import scale_upem
latin, arabic = TTFont(sys.argv[1]), TTFont(sys.argv[2])
upem = latin["head"].unitsPerEm
if arabic["head"].unitsPerEm != upem:
    scale_upem(arabic, upem)
    arabic.save(sys.argv[2])
EOF

  # pyftmerge takes the largest ascent and descent of the two; set below.
  merge --output-file="$tmp/merged-$weight.ttf" "$tmp/latin-$weight.ttf" "$tmp/arabic-$weight.ttf"

  "$py" - "$tmp/merged-$weight.ttf" "$tmp/latin-$weight.ttf" "$here/SullamSans-$weight.ttf" "$weight" <<'EOF'
import sys
from fontTools.ttLib import TTFont
merged, latin, out, weight = TTFont(sys.argv[1]), TTFont(sys.argv[2]), sys.argv[3], sys.argv[4]

# Vertical metrics. Fyne places text by the font's ascent and clips glyphs to the
# line box (ascent + descent), so the line box must hold Arabic letters as well:
# keep the Latin ascent (Latin text sits exactly where it sits in Noto Sans) and
# deepen the descent just enough for Arabic descenders with a vowel mark below
# (ي ج ع with kasra); the tallest Quranic marks are allowed to overflow.
lat_hhea, lat_os2 = latin["hhea"], latin["OS/2"]
ascent = lat_hhea.ascent
descent = -600
h, o = merged["hhea"], merged["OS/2"]
h.ascent, h.descent, h.lineGap = ascent, descent, 0
o.sTypoAscender, o.sTypoDescender, o.sTypoLineGap = ascent, descent, 0
o.usWinAscent, o.usWinDescent = max(ascent, merged["head"].yMax), max(-descent, -merged["head"].yMin)
o.fsSelection |= 1 << 7  # USE_TYPO_METRICS: typo metrics are the ones above
o.sxHeight, o.sCapHeight = lat_os2.sxHeight, lat_os2.sCapHeight
o.xAvgCharWidth = lat_os2.xAvgCharWidth
o.achVendID = lat_os2.achVendID

# Names: a modified font gets its own name (OFL 1.1 §3 good practice).
family = "Sullam Sans"
ps = "SullamSans-" + weight
version = latin["name"].getDebugName(5).split(";")[0]
name = merged["name"]
keep = {0, 7, 8, 9, 11, 12, 13, 14}  # copyright, trademark, vendor, designer, URLs, licence
for rec in list(name.names):
    if rec.nameID not in keep:
        name.removeNames(nameID=rec.nameID)
for nid, value in {
    1: family, 2: weight, 3: f"{version};SULLAM;{ps}", 4: f"{family} {weight}",
    5: f"{version}; merged from Noto Sans and Noto Sans Arabic", 6: ps,
}.items():
    name.setName(value, nid, 3, 1, 0x409)
    name.setName(value, nid, 1, 0, 0)
name.setName("Copyright 2012-2020 Google Inc. All Rights Reserved. "
             "Modified (subset and merged) for Sullam.", 0, 3, 1, 0x409)

# Drop glyph names (post format 3): smaller, nothing needs them at run time.
merged["post"].formatType = 3.0
merged["head"].fontRevision = latin["head"].fontRevision
merged.save(out)
print(f"{out}: {len(merged.getGlyphOrder())} glyphs")
EOF
done
ls -l "$here"/SullamSans-*.ttf
