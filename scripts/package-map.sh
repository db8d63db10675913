#!/usr/bin/env bash
# Prints the map of dependencies between the top-level packages under dev.shortlist:
# how many distinct pairs (A -> B: a file of A imports, or names in code, a class of B),
# the pairs themselves, and every cycle (packages that reach each other through the pairs).
# Usage: scripts/package-map.sh [source root, default src/main/java]
# Exits 1 when there is a cycle, so it can guard a build step.
set -euo pipefail

root="${1:-src/main/java}"
base="$root/dev/shortlist"
[ -d "$base" ] || { echo "no $base" >&2; exit 2; }

# "from to" for every file's reference to another top-level package: import lines, and
# fully qualified names in code (comment lines, which start with * or //, are skipped).
pairs=$(
  find "$base" -name '*.java' -print0 | xargs -0 awk -v base="$base/" '
    FNR == 1 {
      rel = substr(FILENAME, length(base) + 1)
      from = index(rel, "/") ? substr(rel, 1, index(rel, "/") - 1) : "(root)"
    }
    /^[[:space:]]*(\*|\/\/|\/\*)/ { next }
    {
      line = $0
      while (match(line, /dev\.shortlist\.[a-z0-9_]+\./)) {
        before = RSTART > 1 ? substr(line, RSTART - 1, 1) : ""
        to = substr(line, RSTART + 14, RLENGTH - 15)
        if (before !~ /[A-Za-z0-9_.]/ && to != from) print from, to
        line = substr(line, RSTART + RLENGTH)
      }
    }' | sort -u
)

count=$(printf '%s\n' "$pairs" | grep -c . || true)
echo "package imports: $count"
printf '%s\n' "$pairs" | awk 'NF { printf "  %s -> %s\n", $1, $2 }'

# Cycles: the transitive closure (a few dozen packages, so Floyd-Warshall is instant);
# packages that reach each other form one cycle.
cycles=$(printf '%s\n' "$pairs" | awk '
  NF { edge[$1, $2] = 1; node[$1] = 1; node[$2] = 1 }
  END {
    n = 0; for (p in node) names[n++] = p
    for (k = 0; k < n; k++) for (i = 0; i < n; i++) if (edge[names[i], names[k]])
      for (j = 0; j < n; j++) if (edge[names[k], names[j]]) edge[names[i], names[j]] = 1
    for (i = 0; i < n; i++) {
      if (seen[names[i]] || !edge[names[i], names[i]]) continue
      members = ""
      for (j = 0; j < n; j++) if (edge[names[i], names[j]] && edge[names[j], names[i]]) {
        seen[names[j]] = 1; members = members " " names[j]
      }
      print members
    }
  }' | while read -r line; do echo "$line" | tr ' ' '\n' | sort | tr '\n' ' ' | sed 's/ $//'; echo; done | sort)

if [ -z "$cycles" ]; then
  echo "cycles: none"
else
  echo "cycles: $(printf '%s\n' "$cycles" | grep -c .)"
  printf '%s\n' "$cycles" | while read -r members; do
    echo "  $members"
    # The pairs inside the cycle, to show which arrows to cut.
    for a in $members; do for b in $members; do
      printf '%s\n' "$pairs" | grep -qx "$a $b" && echo "    $a -> $b"
    done; done
  done
  exit 1
fi
