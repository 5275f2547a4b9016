# syntax=docker/dockerfile:1.7
# The image of every TypeScript deployable, built from the repository root with the package's name:
#   docker build -f infra/docker/service.Dockerfile --build-arg SERVICE=recorder -t cryptosignal/recorder .
#   docker build -f infra/docker/service.Dockerfile --build-arg SERVICE=cli --target cli -t cryptosignal/cli .
#   docker build -f infra/docker/service.Dockerfile --build-arg SERVICE=inference --target runtime-cuda \
#     -t cryptosignal/inference .
#   docker build -f infra/docker/service.Dockerfile --build-arg SERVICE=inference --target runtime-cpu \
#     -t cryptosignal/inference:<tag>-cpu .
# SERVICE: collector, pipeline, executor, recorder, calibrator, gate-optimizer, cost-model, inference or cli.
# Targets:
#   runtime       (default) a service in distributed mode: node:20-slim, user node (uid 1000), admin port 9464
#   cli           the `cryptosignal` command (docker-compose's and Helm's `migrate` job): no port, no healthcheck
#   runtime-cpu   inference on onnxruntime's CPU provider (node:20-slim)
#   runtime-cuda  inference with onnxruntime-node's CUDA 12 execution provider, fetched at install time
#                 (ONNXRUNTIME_NODE_INSTALL=cuda12), on the CUDA 12 + cuDNN 9 runtime, uid 10001; it uses CUDA
#                 when a GPU is visible and the CPU provider otherwise (it logs which)
# Stages: build (npm ci + npm run build of the whole workspace, once for every SERVICE: SERVICE is declared after
# it), deps (production dependencies of SERVICE only), then the targets. infra/docker/runtime-files.mjs picks what
# SERVICE runs: its compiled output and migrations, those of the workspace packages it depends on, and the
# folders it reads (models/ for pipeline and inference, proto/ for inference). Files stay owned by root: the
# service user can read them, not change them.
ARG NODE_IMAGE=node:20.19-bookworm
ARG NODE_RUNTIME_IMAGE=node:20.19-bookworm-slim
ARG CUDA_RUNTIME_IMAGE=nvidia/cuda:12.8.1-cudnn-runtime-ubuntu24.04

FROM ${NODE_IMAGE} AS build
WORKDIR /src
ENV ONNXRUNTIME_NODE_INSTALL=skip CI=true
COPY package.json package-lock.json tsconfig.base.json buf.yaml buf.gen.yaml ./
COPY scripts/build.mjs scripts/build.mjs
COPY proto/ proto/
COPY libs/ libs/
COPY services/ services/
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
RUN npm run build
COPY models/ models/
COPY infra/docker/runtime-files.mjs infra/docker/runtime-files.mjs
ARG SERVICE
RUN node infra/docker/runtime-files.mjs "${SERVICE:?--build-arg SERVICE=<name> is required}" /manifests /out

# Production dependencies of SERVICE (and the libraries it uses), CPU provider only for onnxruntime-node.
FROM ${NODE_IMAGE} AS deps
ARG SERVICE
WORKDIR /app
ENV ONNXRUNTIME_NODE_INSTALL=skip
COPY --from=build /manifests/ ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev --no-audit --no-fund --workspace="@cryptosignal/${SERVICE}" --include-workspace-root=false

# The same with onnxruntime-node's CUDA 12 execution provider (inference's GPU image).
FROM ${NODE_IMAGE} AS deps-cuda
ARG SERVICE
WORKDIR /app
ENV ONNXRUNTIME_NODE_INSTALL=cuda12
COPY --from=build /manifests/ ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev --no-audit --no-fund --workspace="@cryptosignal/${SERVICE}" --include-workspace-root=false

FROM ${NODE_IMAGE} AS node

# What every node:20-slim target shares: dependencies and compiled output, the image's user node by its uid (a
# numeric user lets Kubernetes' runAsNonRoot check it).
FROM ${NODE_RUNTIME_IMAGE} AS app
ARG SERVICE
ENV NODE_ENV=production OTEL_SERVICE_NAME=${SERVICE}
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /out/ ./
USER 1000:1000
STOPSIGNAL SIGTERM

FROM app AS cli
CMD ["node", "services/cli/dist/main.js", "--help"]

FROM app AS runtime-cpu
ENV RUN_MODE=distributed ADMIN_PORT=9464 GRPC_PORT=50051 INFERENCE_EXECUTION_PROVIDER=cpu MODELS_DIR=/app/models
EXPOSE 50051 9464
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.ADMIN_PORT||9464)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "main.mjs"]

# Inference on the CUDA runtime with the Node.js binary of the build image.
FROM ${CUDA_RUNTIME_IMAGE} AS runtime-cuda
ARG SERVICE
ENV NODE_ENV=production RUN_MODE=distributed ADMIN_PORT=9464 GRPC_PORT=50051 OTEL_SERVICE_NAME=${SERVICE} \
    INFERENCE_EXECUTION_PROVIDER=auto MODELS_DIR=/app/models \
    NVIDIA_VISIBLE_DEVICES=all NVIDIA_DRIVER_CAPABILITIES=compute,utility
COPY --from=node /usr/local/bin/node /usr/local/bin/node
RUN groupadd --system --gid 10001 cryptosignal \
 && useradd --system --uid 10001 --gid cryptosignal --no-create-home --shell /usr/sbin/nologin cryptosignal
WORKDIR /app
COPY --from=deps-cuda /app/node_modules ./node_modules
COPY --from=build /out/ ./
USER 10001:10001
EXPOSE 50051 9464
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.ADMIN_PORT||9464)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "main.mjs"]

# Default target: a service in distributed mode.
FROM app AS runtime
ENV RUN_MODE=distributed ADMIN_PORT=9464
EXPOSE 9464
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.ADMIN_PORT||9464)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "main.mjs"]
