# syntax=docker/dockerfile:1
# Build stage: compile TypeScript and build the SQLite store from the seed files.
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY migrations ./migrations
COPY seed ./seed
RUN npm run build && DATABASE_PATH=/app/data/ind.sqlite node dist/src/cli/seed.js && npm prune --omit=dev

# Runtime stage: only the compiled app, production dependencies and the read-only store.
FROM node:20-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 DATABASE_PATH=/app/data/ind.sqlite
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/migrations ./migrations
COPY --from=build /app/data ./data
USER node
EXPOSE 3000
CMD ["node", "dist/src/server.js"]
