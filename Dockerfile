# The headless experiment runner in a container, for Kubernetes and Slurm (docs/cluster.md).
# Debian bookworm, Node 20 from NodeSource (bookworm's own nodejs is 18), Chromium from Debian for
# --browser, the Vulkan loader for --backend webgpu-node (Dawn, in Node, on the node's GPU driver).
# The runner runs its TypeScript through tsx, so the dev dependencies stay installed.
#   docker build -t chromaxr-experiment .
#   docker run --rm -v "$PWD/results:/app/results" chromaxr-experiment experiments/tiny-phantom.json --shard 0/3
FROM debian:bookworm-slim

ARG NODE_MAJOR=20
ENV DEBIAN_FRONTEND=noninteractive
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates curl gnupg \
 && mkdir -p /etc/apt/keyrings \
 && curl -fsSL https://deb.nodesource.com/gpgkey/nodesource-repo.gpg.key \
    | gpg --dearmor -o /etc/apt/keyrings/nodesource.gpg \
 && echo "deb [signed-by=/etc/apt/keyrings/nodesource.gpg] https://deb.nodesource.com/node_${NODE_MAJOR}.x nodistro main" \
    > /etc/apt/sources.list.d/nodesource.list \
 && apt-get update \
 && apt-get install -y --no-install-recommends nodejs chromium libvulkan1 \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
# The lock file first, so a code change does not reinstall the packages.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# The studio's build (typecheck + vite) fails the image on a broken tree; the runner itself needs
# only the sources and node_modules.
RUN npm run build

ENV CHROMIUM_PATH=/usr/bin/chromium
# The NVIDIA container toolkit mounts the driver's Vulkan ICD only with the graphics capability.
ENV NVIDIA_DRIVER_CAPABILITIES=compute,utility,graphics
# One kernel thread per container by default: a scheduler gives each shard its own slot. Set it
# to the container's CPU count when one shard owns a whole machine.
ENV CHROMAXR_CPU_THREADS=1
# Arguments are the runner's: CONFIG.json [--out DIR] [--shard I/N] [--browser …].
ENTRYPOINT ["/app/node_modules/.bin/tsx", "scripts/experiment.ts"]
