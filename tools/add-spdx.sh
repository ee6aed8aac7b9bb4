#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Adds the SPDX licence identifier where it is missing, and leaves every other file as it is:
#   - every tracked .java file: `// SPDX-License-Identifier: Apache-2.0` as line 1;
#   - every tracked shell script in bin/, .ci/ and tools/ (a file whose first line is a #! line
#     naming sh or bash): `# SPDX-License-Identifier: Apache-2.0` as line 2, after the shebang.
# Idempotent: a file that has the identifier on that line is not touched, so running it again
# changes nothing. `tools/add-spdx.sh --check` changes nothing and lists the files that lack it
# (exit 1 if any). The build checks the same rule (netns-core's SpdxHeaderTest).
set -euo pipefail

# All in a function, and exit on the same line as the call: the script adds the line to itself,
# and bash reads a script as it runs it.
main() {
cd "$(dirname "$0")/.."
id='SPDX-License-Identifier: Apache-2.0'
check=false
[ "${1:-}" = "--check" ] && check=true

# exactly the lines SpdxHeaderTest checks: line 1 of a .java file, line 2 of a script
has_line() { [ "$(sed -n "${2}p" "$1")" = "$3" ]; }
missing=0 added=0

while IFS= read -r -d '' f; do
  [ -f "$f" ] || continue
  has_line "$f" 1 "// $id" && continue
  missing=$((missing + 1))
  if $check; then echo "$f"; continue; fi
  { printf '// %s\n' "$id"; cat "$f"; } > "$f.spdx-tmp" && cat "$f.spdx-tmp" > "$f" && rm -f "$f.spdx-tmp"
  added=$((added + 1))
done < <(git ls-files -z -- '*.java')

while IFS= read -r -d '' f; do
  [ -f "$f" ] || continue
  head -n 1 "$f" | grep -qE '^#!.*\b(ba)?sh\b' || continue
  has_line "$f" 2 "# $id" && continue
  missing=$((missing + 1))
  if $check; then echo "$f"; continue; fi
  { head -n 1 "$f"; printf '# %s\n' "$id"; tail -n +2 "$f"; } > "$f.spdx-tmp" \
    && cat "$f.spdx-tmp" > "$f" && rm -f "$f.spdx-tmp"
  added=$((added + 1))
done < <(git ls-files -z -- 'bin/*' '.ci/*' 'tools/*')

if $check; then
  if [ "$missing" -gt 0 ]; then
    echo "add-spdx: $missing file(s) above lack '$id': run tools/add-spdx.sh" >&2
    exit 1
  fi
  echo "add-spdx: every source file has '$id'"
else
  echo "add-spdx: added '$id' to $added file(s)"
fi
}
main "$@"; exit $?
