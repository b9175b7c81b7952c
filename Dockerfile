# The bot's image (compose.yaml): Node 20 on Debian; better-sqlite3 compiles on install.
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json .npmrc ./
RUN npm ci
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
# MALLOC_ARENA_MAX and the heap limit as `npm start` sets them (README, Safety and operations: Memory).
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 DOTENV_CONFIG_QUIET=true MALLOC_ARENA_MAX=2
COPY --from=build /app /app
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
CMD ["node", "--max-old-space-size=512", "dist/src/main.js"]
