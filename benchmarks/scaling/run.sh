#!/usr/bin/env bash
# Scaling benchmark (README "Sweeps beyond one machine"): a synthetic sweep of 101 376 design points —
# tile_x 1..16 × tile_y 1..16 × 9 overlap strategies × 44 accelerator variants (meta-prototype-df
# with 11 sizes of its 64 KB activation SRAM × 4 sizes of its 1 MB one) of a small 3-layer network —
# run locally with 1 and 2 threads, as 2 shards merged, and on Spark local[2]. Prints points per
# second for each and checks that all four give the same points.csv (without eval_ms) and pareto.csv.
#   benchmarks/scaling/run.sh [WORK_DIR]      (default /tmp/defines-scaling; about 15 minutes on 2 cores)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="${1:-/tmp/defines-scaling}"
rm -rf "$work" && mkdir -p "$work/hw"
accs=()
for a in 131072 262144 393216 524288 655360 786432 917504 1048576 1310720 1572864 2097152; do
  for b in 2097152 4194304 8388608 16777216; do
    f="$work/hw/meta-prototype-df-a$a-b$b.yaml"
    sed -e "s/^name: meta-prototype-df/name: meta-prototype-df-a$a-b$b/" \
        -e "/^  sram_64KB:/,/size:/ s/size: 524288/size: $a/" \
        -e "/^  sram_1MB_A:/,/size:/ s/size: 8388608/size: $b/" "$root/hardware/meta-prototype-df.yaml" > "$f"
    accs+=("$f")
  done
done
{
  echo "name: scaling"
  echo "workloads: [$root/benchmarks/scaling/tiny.yaml]"
  echo "accelerators:"
  for f in "${accs[@]}"; do echo "  - $f"; done
  echo "mappings: [$root/hardware/mappings/meta-prototype/by-operator-type.yaml]"
  echo "overlap: [fully-recompute, h-cached-v-recompute, fully-cached, \"h=recompute,v=cache\", \"h=global,v=global\", \"h=cache,v=global\", \"h=global,v=cache\", \"h=recompute,v=global\", \"h=global,v=recompute\"]"
  echo "tile_x: [{from: 1, to: 16, step: 1}]"
  echo "tile_y: [{from: 1, to: 16, step: 1}]"
  echo "lpf_limit: 4"
} > "$work/scaling.yaml"
cd "$root"
./defines validate "${accs[0]}" -q
points=$(( 16 * 16 * 9 * ${#accs[@]} ))
rate() { awk -v p="$points" -v s="$1" 'BEGIN { printf "%.0f points/s", p / s }'; }
timed() { local t0 t1; t0=$(date +%s.%N); "$@" > "$work/last.log" 2>&1; t1=$(date +%s.%N); awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }'; }
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1); $points design points"
s=$(timed ./defines sweep "$work/scaling.yaml" --out "$work/t1" --threads 1); echo "local, 1 thread:        $s s  $(rate "$s")"
s=$(timed ./defines sweep "$work/scaling.yaml" --out "$work/t2" --threads 2); echo "local, 2 threads:       $s s  $(rate "$s")"
s1=$(timed ./defines sweep "$work/scaling.yaml" --out "$work/s1" --threads 1 --shard 1/2)
s2=$(timed ./defines sweep "$work/scaling.yaml" --out "$work/s2" --threads 1 --shard 2/2)
m=$(timed ./defines merge "$work/s1" "$work/s2" --out "$work/merged")
echo "2 shards (1 thread each, run one after the other here): $s1 s + $s2 s, merge $m s; as 2 machines: $(rate "$(awk -v a="$s1" -v b="$s2" -v c="$m" 'BEGIN { print (a > b ? a : b) + c }')")"
s=$(timed ./defines-spark.sh "$work/scaling.yaml" --out "$work/spark" --master "local[2]" --batch 512); echo "Spark local[2]:         $s s  $(rate "$s")"
strip() { cut -d, -f1-"$(( $(head -1 "$1" | tr ',' '\n' | wc -l) - 1 ))" "$1"; }
for d in t2 merged spark; do
  cmp -s <(strip "$work/t1/points.csv") <(strip "$work/$d/points.csv") && cmp -s "$work/t1/pareto.csv" "$work/$d/pareto.csv" \
    && echo "$d: points.csv and pareto.csv identical to 1 thread" || { echo "$d: DIFFERS from 1 thread"; exit 1; }
done
