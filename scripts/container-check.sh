#!/usr/bin/env bash
# Replays the Dockerfile's build and run steps without a container engine, in a scratch folder:
# the build stage's COPY/RUN steps, the runtime stage's COPY steps, then the server started with
# the runtime environment as a non-root user on a read-only tree, its /health and HEALTHCHECK
# command, a data request, a check that nothing was written, and SIGTERM.
# Differences from a real container: the host's Node/npm instead of the image's, and 127.0.0.1
# instead of 0.0.0.0 (only loopback is used here).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DOCKERFILE="$ROOT/Dockerfile"
SCRATCH="$(mktemp -d "${TMPDIR:-/tmp}/ind-container-check-XXXXXX")"
SERVER_PID=""
cleanup() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then kill "$SERVER_PID" 2>/dev/null || true; fi
  chmod -R u+w "$SCRATCH" 2>/dev/null || true
  rm -rf "$SCRATCH"
}
trap cleanup EXIT

step() { printf '\n== %s\n' "$*"; }
run() { printf '$ %s\n' "$*"; "$@"; }
fail() { printf 'FAILED: %s\n' "$*" >&2; exit 1; }
# Each replayed instruction must be in the Dockerfile as written, so the two cannot drift apart.
require() { grep -qxF -- "$1" "$DOCKERFILE" || fail "Dockerfile has no line: $1"; printf 'Dockerfile: %s\n' "$1"; }

step "Dockerfile instructions this script replays"
require 'FROM node:20-bookworm-slim AS build'
require 'COPY package.json package-lock.json ./'
require 'RUN npm ci --no-audit --no-fund'
require 'COPY tsconfig.json tsconfig.build.json ./'
require 'COPY scripts/build.mjs scripts/start-command.mjs scripts/write-code-cache.mjs ./scripts/'
require 'COPY src ./src'
require 'COPY migrations ./migrations'
require 'COPY seed ./seed'
require 'RUN npm run build'
require 'RUN DATABASE_PATH=/app/data/ind.sqlite node dist/src/cli/seed.js'
require 'RUN npm prune --omit=dev --no-audit --no-fund'
require 'FROM node:20-bookworm-slim'
require 'ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 DATABASE_PATH=/app/data/ind.sqlite'
require 'COPY --from=build /app/package.json ./'
require 'COPY --from=build /app/node_modules ./node_modules'
require 'COPY --from=build /app/dist ./dist'
require 'COPY --from=build /app/data ./data'
require 'USER node'
require 'ENV MALLOC_MMAP_THRESHOLD_=131072'
require 'CMD ["node", "--max-semi-space-size=2", "--heap-growing-percent=15", "--single-threaded-gc", "dist/src/server.js"]'
# .dockerignore leaves scripts/ out of the build context; the scripts the build stage copies must be let back in.
for script in build.mjs start-command.mjs write-code-cache.mjs; do
  grep -qxF -- "!scripts/$script" "$ROOT/.dockerignore" || fail ".dockerignore leaves out scripts/$script, which the build stage copies"
done
HEALTHCHECK_JSON="$(sed -n 's/^HEALTHCHECK .* CMD \(\[.*\]\)$/\1/p' "$DOCKERFILE")"
[[ -n "$HEALTHCHECK_JSON" ]] || fail "no HEALTHCHECK with an exec-form CMD"
printf 'Dockerfile: HEALTHCHECK … CMD %s\n' "$HEALTHCHECK_JSON"

printf '\nscratch: %s\nnode %s, npm %s\n' "$SCRATCH" "$(node --version)" "$(npm --version)"

step "build stage (WORKDIR /app → $SCRATCH/build)"
BUILD="$SCRATCH/build"
mkdir -p "$BUILD"
run cp "$ROOT/package.json" "$ROOT/package-lock.json" "$BUILD/"
(cd "$BUILD" && run npm ci --no-audit --no-fund)
run cp "$ROOT/tsconfig.json" "$ROOT/tsconfig.build.json" "$BUILD/"
run mkdir -p "$BUILD/scripts" && run cp "$ROOT/scripts/build.mjs" "$ROOT/scripts/start-command.mjs" "$ROOT/scripts/write-code-cache.mjs" "$BUILD/scripts/"
run cp -R "$ROOT/src" "$ROOT/migrations" "$ROOT/seed" "$BUILD/"
(cd "$BUILD" && run npm run build)
(cd "$BUILD" && run env DATABASE_PATH="$BUILD/data/ind.sqlite" node dist/src/cli/seed.js)
(cd "$BUILD" && run npm prune --omit=dev --no-audit --no-fund)
if [[ -e "$BUILD/node_modules/typescript" || -e "$BUILD/node_modules/vitest" ]]; then fail "development dependencies survived npm prune"; fi

step "runtime stage (WORKDIR /app → $SCRATCH/app)"
APP="$SCRATCH/app"
mkdir -p "$APP"
run cp "$BUILD/package.json" "$APP/"
run cp -R "$BUILD/node_modules" "$BUILD/dist" "$BUILD/data" "$APP/"
printf 'runtime size: %s\n' "$(du -sh "$APP" | cut -f1)"
# Read-only root filesystem: nothing under the app may be writable while it runs.
run chmod -R a-w "$APP"
chmod 755 "$SCRATCH"

PORT="$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
RUN_ENV=(env -i PATH="$PATH" NODE_ENV=production HOST=127.0.0.1 PORT="$PORT" DATABASE_PATH="$APP/data/ind.sqlite" MALLOC_MMAP_THRESHOLD_=131072)
AS_USER=()
if [[ "$(id -u)" == 0 ]]; then
  # USER node: any unprivileged uid; here nobody (65534).
  AS_USER=(setpriv --reuid=65534 --regid=65534 --clear-groups)
fi

step "run: ${AS_USER[*]:-(current user)} node --max-semi-space-size=2 --heap-growing-percent=15 --single-threaded-gc dist/src/server.js (HOST=127.0.0.1 PORT=$PORT)"
MARK="$SCRATCH/started"
touch "$MARK"
sleep 1
(cd "$APP" && exec "${AS_USER[@]}" "${RUN_ENV[@]}" node --max-semi-space-size=2 --heap-growing-percent=15 --single-threaded-gc dist/src/server.js) >"$SCRATCH/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do
  if node -e "fetch('http://127.0.0.1:$PORT/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))" 2>/dev/null; then break; fi
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$SCRATCH/server.log"; fail "server exited during start-up"; }
  sleep 0.1
done
printf 'server uid: %s\n' "$(ps -o uid= -p "$SERVER_PID" | tr -d ' ')"
# The build made the code cache with `npm start`'s node options; the CMD must start node the same way.
if grep -q 'code cache' "$SCRATCH/server.log"; then cat "$SCRATCH/server.log"; fail "the server started without its code cache"; fi
echo "started from its code cache"

step "GET /health"
node -e "fetch('http://127.0.0.1:$PORT/health').then(async r=>{console.log(r.status, await r.text()); process.exit(r.status===200?0:1)})" || fail "/health"

step "HEALTHCHECK command, as the Docker daemon would run it inside the container"
mapfile -t HC < <(node -e 'for (const a of JSON.parse(process.argv[1])) console.log(a)' "$HEALTHCHECK_JSON")
if (cd "$APP" && "${AS_USER[@]}" "${RUN_ENV[@]}" "${HC[@]}"); then echo "healthy (exit 0)"; else fail "HEALTHCHECK exited non-zero"; fi

step "GET /v1/tables/asylum"
node -e "fetch('http://127.0.0.1:$PORT/v1/tables/asylum').then(async r=>{const b=await r.json(); console.log(r.status, r.headers.get('content-type'), 'figures:', b.figures.length); process.exit(r.status===200?0:1)})" || fail "data request"

# The charts and the Turtle catalog are made by the offload worker, a second entry point of dist.
step "GET /tables/asylum (charts) and /v1/catalog as Turtle, from the offload worker"
node -e "fetch('http://127.0.0.1:$PORT/tables/asylum',{headers:{accept:'text/html'}}).then(async r=>{const b=await r.text(); const charts=(b.match(/<svg /g)||[]).length; console.log(r.status, r.headers.get('content-type'), 'charts:', charts); process.exit(r.status===200&&charts>0?0:1)})" || fail "page with charts"
node -e "fetch('http://127.0.0.1:$PORT/v1/catalog',{headers:{accept:'text/turtle'}}).then(async r=>{const b=await r.text(); console.log(r.status, r.headers.get('content-type'), b.length, 'characters'); process.exit(r.status===200&&b.includes('@prefix')?0:1)})" || fail "Turtle catalog"

step "nothing written under the app while it ran"
WRITTEN="$(find "$APP" -newer "$MARK" | head -5)"
[[ -z "$WRITTEN" ]] || fail "written at run time: $WRITTEN"
echo "none"

step "SIGTERM"
kill -TERM "$SERVER_PID"
set +e
wait "$SERVER_PID"
CODE=$?
set -e
SERVER_PID=""
printf 'exit code %s\n' "$CODE"
printf 'log:\n'; sed 's/^/  /' "$SCRATCH/server.log" | tail -5
[[ "$CODE" == 0 ]] || fail "server did not exit 0 on SIGTERM"

printf '\ncontainer check passed\n'
