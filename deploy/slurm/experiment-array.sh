#!/usr/bin/env bash
# The experiment grid as a Slurm job array: task k runs `--shard k/N` (0-based, as
# SLURM_ARRAY_TASK_ID counts), in the container through Apptainer, writing to a shared folder;
# merge afterwards with scripts/experiment-report.ts (docs/cluster.md). Keep the array's 0-(N-1)
# and SHARDS equal (test/unit/deploy.test.ts checks it).
#   apptainer pull chromaxr-experiment.sif docker://registry.example.org/chromaxr-experiment:latest
#   sbatch deploy/slurm/experiment-array.sh
#SBATCH --job-name=chromaxr-experiment
#SBATCH --array=0-2
#SBATCH --cpus-per-task=4
#SBATCH --mem=8G
#SBATCH --time=04:00:00
#SBATCH --output=logs/%x-%a.out
##SBATCH --gres=gpu:1   # with --backend webgpu-node or --browser on a GPU node (and apptainer run --nv)
set -euo pipefail

SHARDS=3
CONFIG=${CONFIG:-experiments/kermany-squeezenet.json}
RESULTS=${RESULTS:-$PWD/results}
IMAGE=${IMAGE:-chromaxr-experiment.sif}

mkdir -p "$RESULTS"
# The image's entrypoint is the runner; its config paths are relative to /app in the image.
apptainer run --cleanenv \
  --env CHROMAXR_CPU_THREADS="${SLURM_CPUS_PER_TASK:-1}" \
  --bind "$RESULTS:/results" --pwd /app "$IMAGE" \
  "$CONFIG" --shard "$SLURM_ARRAY_TASK_ID/$SHARDS" --out "/results/shard-$SLURM_ARRAY_TASK_ID"
