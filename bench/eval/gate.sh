#!/usr/bin/env bash
# Fails when an evaluation figure falls below the one recorded in docs/evaluation.md.
#   bench/eval/gate.sh <eval output> [docs/evaluation.md]
# The evaluation programs print one line per gated figure: "EVAL <key> <value>". The document
# marks a recorded figure with the key in an HTML comment right after it, in its table
# cell: "| 0.83 <!-- eval:kaggle.precision_at_r --> |"; "<!-- eval:<key> lower -->" marks a
# figure where lower is better. The first number of the cell is the recorded figure (commas
# between digits are thousands separators). A figure may move by 0.005 either way; a
# recorded key the run did not print fails too.
set -euo pipefail
output="${1:?usage: bench/eval/gate.sh <eval output> [docs/evaluation.md]}"
recorded_in="${2:-$(dirname "${BASH_SOURCE[0]}")/../../docs/evaluation.md}"

awk -v output="$output" -v recorded_in="$recorded_in" '
function number(text,    found) {
    gsub(/<!--.*-->/, "", text)
    while (match(text, /[0-9],[0-9][0-9][0-9]/)) {  # thousands separators
        text = substr(text, 1, RSTART) substr(text, RSTART + 2)
    }
    if (!match(text, /-?[0-9]+(\.[0-9]+)?/)) return ""
    return substr(text, RSTART, RLENGTH) + 0
}
BEGIN {
    while ((getline line < output) > 0) {
        if (line ~ /^EVAL [^ ]+ -?[0-9.]+$/) {
            split(line, part, " ")
            measured[part[2]] = part[3]
        }
    }
}
/<!-- *eval:[^ >]+( +lower)? *-->/ {
    cells = split($0, cell, "|")
    for (i = 1; i <= cells; i++) {
        if (!match(cell[i], /<!-- *eval:[^ >]+( +lower)? *-->/)) continue
        marker = substr(cell[i], RSTART, RLENGTH)
        gsub(/<!-- *eval:| *-->/, "", marker)
        n = split(marker, words, / +/)
        key = words[1]
        keys[++count] = key
        lower[key] = (n > 1 && words[2] == "lower")
        recorded[key] = number(cell[i])
    }
}
END {
    if (count == 0) {
        print "no recorded figures (<!-- eval:key -->) found in " recorded_in > "/dev/stderr"
        exit 2
    }
    printf "%-36s %10s %10s  %s\n", "key", "recorded", "measured", "ok"
    failed = 0
    for (k = 1; k <= count; k++) {
        key = keys[k]
        if (!(key in measured)) {
            ok = "FAIL: not printed by the evaluation"
            shown = "-"
        } else {
            shown = measured[key]
            if (recorded[key] == "") ok = "FAIL: no figure in the recorded cell"
            else if (lower[key]) ok = (measured[key] <= recorded[key] + 0.005) ? "ok (lower is better)" : "FAIL: higher than recorded"
            else ok = (measured[key] >= recorded[key] - 0.005) ? "ok" : "FAIL: below recorded"
        }
        if (ok ~ /^FAIL/) failed++
        printf "%-36s %10s %10s  %s\n", key, recorded[key], shown, ok
    }
    if (failed) {
        printf "%d of %d evaluation figures are worse than %s records\n", failed, count, recorded_in > "/dev/stderr"
        exit 1
    }
}
' "$recorded_in"
