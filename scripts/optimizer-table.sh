#!/usr/bin/env bash
# The optimizer on DeFiNES' library: 5 workloads × the 5 depth-first accelerators × both modes.
# Runs `defines optimize` (auto tiles, DeFiNES' three overlap modes, LPF 6, the library's mappings) per
# pair and mode into OUT/<mode>/<workload>-<accelerator>/ and prints a Markdown table of the best
# schedule by energy against the best DeFiNES grid point over the same candidates and against layer
# by layer (ratios < 1 mean the optimum is better; * = DeFiNES' layer-by-layer cut list computes a layer
# twice in compat mode, so the best setting per layer stands in), with the boundary tensors the best
# keeps on chip ("kept") and the wall time of each run.
# Usage: scripts/optimizer-table.sh [OUT]   (default OUT: results/optimizer-table; needs jq)
#        MODES="fixed" scripts/optimizer-table.sh …   runs only the listed modes (default: fixed defines2023)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/results/optimizer-table}"
command -v jq >/dev/null || { echo "optimizer-table: jq is needed" >&2; exit 1; }
workloads=(fsrcnn dmcnn-vd mccnn mobilenet-v1 resnet18)
accelerators=(meta-prototype-df tpu-like-df edge-tpu-like-df ascend-like-df tesla-npu-like-df)
echo "| mode | workload | accelerator | best energy (mJ) | stacks | kept | energy / grid | latency / grid | EDP / grid | peak / grid | energy / LbL | latency / LbL | EDP / LbL | peak / LbL | time (s) |"
echo "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for mode in ${MODES:-fixed defines2023}; do
  for w in "${workloads[@]}"; do
    for a in "${accelerators[@]}"; do
      dir="$out/$mode/$w-$a"
      mkdir -p "$out/$mode"
      compat=()
      [ "$mode" = defines2023 ] && compat=(--compat defines2023)
      start=$(date +%s.%N)
      "$root/defines" optimize --workload "$root/workloads/$w.yaml" --accelerator "$root/hardware/$a.yaml" \
        --overlap defines --tiles auto "${compat[@]}" --out "$dir" >"$dir.log" 2>&1 || { echo "| $mode | $w | $a | failed: see $dir.log |"; continue; }
      end=$(date +%s.%N)
      kept=$(grep -cE '^      [0-9]+: ' "$dir/best.yaml" || true)
      jq -r --arg kept "$kept" --arg mode "$mode" --arg w "$w" --arg a "$a" --arg t "$(echo "$end - $start" | bc)" '
        def r(x; y): if y == null then "–" else ((x / y) * 1000 | round / 1000 | tostring) end;
        .best as $b | .baselines.defines_auto_cuts_grid as $g |
        (.baselines.layer_by_layer_grid // .baselines.layer_by_layer_best_per_stack) as $l |
        (if .baselines.layer_by_layer_grid == null then "*" else "" end) as $star |
        "| \($mode) | \($w) | \($a) | \(($b.energy_pj / 1e9 * 1000 | round) / 1000) | \($b.stacks) | \($kept) | " +
        "\(r($b.energy_pj; $g.energy_pj)) | \(r($b.latency_cycles; $g.latency_cycles)) | \(r($b.edp; $g.edp)) | \(r($b.onchip_peak_bits; $g.onchip_peak_bits)) | " +
        "\(r($b.energy_pj; $l.energy_pj))\($star) | \(r($b.latency_cycles; $l.latency_cycles)) | \(r($b.edp; $l.edp)) | \(r($b.onchip_peak_bits; $l.onchip_peak_bits)) | " +
        "\($t | tonumber * 10 | round / 10) |"' "$dir/manifest.json"
    done
  done
done
