#!/usr/bin/env bash
# Prints the map of dependencies between the top-level packages under dev.shortlist:
# how many distinct pairs (A -> B: a file of A imports, or names in code, a class of B),
# also counted between every package, the top-level pairs themselves, and every cycle
# (packages that reach each other through the pairs).
# Usage: scripts/package-map.sh [source root, default src/main/java]
# Exits 1 when there is a cycle, or when platform uses a package above it, so it can guard a build step.
set -euo pipefail

root="${1:-src/main/java}"
base="$root/dev/shortlist"
[ -d "$base" ] || { echo "no $base" >&2; exit 2; }

# "from to" for every file's reference to another package: import lines, and fully qualified
# names in code (comment lines, which start with * or //, are skipped). depth=1 names
# top-level packages (platform, documents, ...); depth=0 names every package in full
# (platform.cpu, documents.postings, ...).
references() { # depth
  find "$base" -name '*.java' -print0 | xargs -0 awk -v base="$base/" -v depth="$1" '
    function cut(name) { return depth == 1 && index(name, ".") ? substr(name, 1, index(name, ".") - 1) : name }
    FNR == 1 {
      rel = substr(FILENAME, length(base) + 1)
      dir = index(rel, "/") ? rel : "(root)/"
      sub(/\/[^\/]*$/, "", dir); gsub(/\//, ".", dir)
      from = cut(dir)
    }
    /^[[:space:]]*(\*|\/\/|\/\*)/ { next }
    {
      line = $0
      while (match(line, /dev\.shortlist\.([a-z0-9_]+\.)+[A-Z]/)) {
        before = RSTART > 1 ? substr(line, RSTART - 1, 1) : ""
        to = cut(substr(line, RSTART + 14, RLENGTH - 16))
        if (before !~ /[A-Za-z0-9_.]/ && to != from) print from, to
        line = substr(line, RSTART + RLENGTH)
      }
    }' | sort -u
}
pairs=$(references 1)
all_pairs=$(references 0)

count=$(printf '%s\n' "$pairs" | grep -c . || true)
echo "package imports: $count between top-level packages ($(printf '%s\n' "$all_pairs" | grep -c . || true) between all packages)"
printf '%s\n' "$pairs" | awk 'NF { printf "  %s -> %s\n", $1, $2 }'

# Cycles: the transitive closure (a few dozen packages, so Floyd-Warshall is instant);
# packages that reach each other form one cycle. Checked at both depths, so a cycle inside
# a top-level package (documents and documents.postings) is found too.
cycles_of() { # pairs
  printf '%s\n' "$1" | awk '
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
    }' | while read -r line; do echo "$line" | tr ' ' '\n' | sort | tr '\n' ' ' | sed 's/ $//'; echo; done | sort
}

failed=0
for depth_pairs in "$pairs" "$all_pairs"; do
  cycles=$(cycles_of "$depth_pairs")
  [ -z "$cycles" ] && continue
  failed=1
  echo "cycles: $(printf '%s\n' "$cycles" | grep -c .)"
  printf '%s\n' "$cycles" | while read -r members; do
    echo "  $members"
    # The pairs inside the cycle, to show which arrows to cut.
    for a in $members; do for b in $members; do
      printf '%s\n' "$depth_pairs" | grep -qx "$a $b" && echo "    $a -> $b"
    done; done
  done
done
[ "$failed" = 1 ] && exit 1
echo "cycles: none"

# platform is the floor the other packages stand on: it uses none of them.
upward=$(printf '%s\n' "$all_pairs" | awk '$1 ~ /^platform/ && $2 !~ /^platform/')
if [ -n "$upward" ]; then
  echo "platform uses packages above it:"; printf '  %s\n' "$upward"; exit 1
fi
