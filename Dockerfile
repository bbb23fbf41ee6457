# syntax=docker/dockerfile:1
# Build stage: install exactly the locked dependencies, bundle the server with esbuild and make its V8
# code cache, build the SQLite store from the seed files, then drop the development dependencies.
FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 is native: a toolchain in case no prebuilt binary matches.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/build.mjs scripts/start-command.mjs scripts/write-code-cache.mjs ./scripts/
COPY src ./src
COPY migrations ./migrations
COPY seed ./seed
RUN npm run build
RUN DATABASE_PATH=/app/data/ind.sqlite node dist/src/cli/seed.js
RUN npm prune --omit=dev --no-audit --no-fund

# Runtime stage: the compiled app, production dependencies and the store, all owned by root and
# read-only to the `node` user the server runs as. Nothing is written at run time, so the
# container runs with a read-only root filesystem:
#   docker run --read-only --cap-drop ALL --security-opt no-new-privileges -p 3000:3000 IMAGE
FROM node:20-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 DATABASE_PATH=/app/data/ind.sqlite
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/data ./data
USER node
EXPOSE 3000
# Slim images have no curl; Node's own fetch asks /health (200 when the store is intact and the
# event loop keeps up, 503 otherwise).
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# As `npm start` runs it (the README's "Memory" says why): a young generation of at most 2 MiB per
# semi-space instead of 16, an old generation that grows by 15 % between full collections instead
# of V8's factor of up to 4, and glibc's malloc returning blocks of 128 KiB and more to the system
# when they are freed, so the process stays small when idle and after load. Garbage is collected
# on the main thread only: a replica is given one core, where helper threads only take turns.
ENV MALLOC_MMAP_THRESHOLD_=131072
CMD ["node", "--max-semi-space-size=2", "--heap-growing-percent=15", "--single-threaded-gc", "dist/src/server.js"]
