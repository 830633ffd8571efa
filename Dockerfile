# One image for the whole stack; docker-compose.yml runs it three times with SERVICES set to
# content, engagement or gateway.
FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles from source where no prebuilt binary fits the platform.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# Fixes to dependencies, applied by npm ci (postinstall: patch-package); see patches/README.md.
COPY patches ./patches
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/package.json /app/subgraphs.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The checked-in supergraph the gateway runs in production, and the subgraph SDL it came from.
COPY --from=build /app/schema ./schema
USER node
EXPOSE 4000 4001 4002
CMD ["node", "dist/src/main.js"]
