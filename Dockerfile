# clientsync: the sync daemon (or any other clientsync command) in a container.
# Build:  docker build -t clientsync .
# Run:    see docs/operations.md (the daemon needs --git-url or a mounted --dir, and
#         KEYCLOAK_* / CLIENTSYNC_* settings in the environment).

# The base of both stages: Node.js 24 LTS (Node 20 reached its end of life in April 2026).
# TODO(pin): pin it by digest, so a rebuild gets exactly the image that was reviewed. The
# digest could not be looked up where this was written (no registry access); get it with
#   docker buildx imagetools inspect node:24-slim --format '{{json .Manifest.Digest}}'
# (or: docker pull node:24-slim && docker inspect --format '{{index .RepoDigests 0}}' node:24-slim)
# and write it here as  node:24-slim@sha256:<digest>  (keep the tag: it says what the digest
# is). Renovate or Dependabot can then keep the digest current.
ARG NODE_IMAGE=node:24-slim

# --- build: compile TypeScript (tsc is a dev dependency, so it runs here only) --------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# The emulator workspace package (packages/keycloak-emulator) is needed here only for its type
# declarations, which the CLI's on-demand loader is compiled against; the runtime stage below
# copies neither it nor its build, so the image has no emulator (`clientsync emulator` says so).
COPY packages/keycloak-emulator/package.json ./packages/keycloak-emulator/package.json
# --ignore-scripts: `prepare` would run tsc before the sources are here; we build below.
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY packages/keycloak-emulator/tsconfig.json packages/keycloak-emulator/tsconfig.build.json ./packages/keycloak-emulator/
COPY packages/keycloak-emulator/src ./packages/keycloak-emulator/src
COPY src ./src
COPY scripts/build.mjs scripts/link-bin.mjs ./scripts/
RUN npm run build

# --- runtime: production dependencies, the compiled CLI, the schemas; non-root ----------------
FROM ${NODE_IMAGE}
ENV NODE_ENV=production
# git: the daemon clones and fetches the desired state; ca-certificates for https remotes;
# openssh-client for ssh:// remotes; tini as PID 1 (forwards SIGTERM to node and reaps the
# processes git leaves behind, which node as PID 1 would not).
RUN apt-get update \
 && apt-get install -y --no-install-recommends git ca-certificates openssh-client tini \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
# The emulator is a dev dependency (a workspace package): --omit=dev leaves it out.
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY bin ./bin
COPY schemas ./schemas
# The daemon's work directory (its git clone): writable by the unprivileged user only.
RUN mkdir -p /var/lib/clientsync && chown node:node /var/lib/clientsync
# The image's built-in unprivileged user (uid 1000).
USER node
EXPOSE 8080
# Assumes the daemon listens on port 8080 (--listen 0.0.0.0:8080, as in docs/operations.md).
# node:24-slim has no curl: Node's fetch does the check.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:8080/healthz').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM: the daemon finishes the run in flight (up to --shutdown-timeout, default 60 s);
# give `docker stop` that long: docker stop -t 75.
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/bin/tini", "--", "node", "/app/bin/clientsync.js"]
CMD ["daemon", "--help"]
