# One image for the whole stack; docker-compose.yml runs it once per service with SERVICES set to
# content, engagement or gateway, and once to migrate. Node 24, the LTS; .ci/run tests this very
# version (.ci/on-node-24 reads it from the line below). Not 24.19-24.21: from 24.19 on, Node's
# headers compile cleanup hooks into native addons built on them (better-sqlite3 12), and until
# 24.22 the runtime aborts the process ("Assertion failed: (env) != nullptr") when V8 collects such
# an object outside JavaScript, e.g. an SQLite statement.
ARG NODE_IMAGE=node:24.22.3-bookworm-slim

FROM ${NODE_IMAGE} AS build
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

FROM ${NODE_IMAGE}
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/package.json /app/subgraphs.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The checked-in supergraph the gateway runs in production, and the subgraph SDL it came from.
COPY --from=build /app/schema ./schema
# The page imported as the sample into an empty database when SEED_SAMPLE=1 (docker-compose.yml).
COPY --from=build /app/fixtures/kazakhstan-unrest-2022.txt ./fixtures/
USER node
EXPOSE 4000 4001 4002
# Healthy when every service of this container (SERVICES) answers /health/ready: see src/healthcheck.cli.ts.
HEALTHCHECK --interval=5s --timeout=5s --start-period=60s --retries=3 CMD ["node", "dist/src/healthcheck.cli.js"]
# --max-old-space-size below 2 GB lowers V8's heap growing factor from 4 to ~2 (V8 allows a factor of 4
# only for heap limits of 2 GB and up, and the default here is ~4 GB): under load the old space grew
# to four times the live data (~80 MB) between full collections. With it the 100-article and
# analytics operations peaked at 190-340 MB instead of 330-610 MB at the same CPU per request
# (Node 20 and 24; issue 17 part 5). bench/stack.ts runs the services with these flags too.
CMD ["node", "--max-old-space-size=2000", "dist/src/main.js"]
