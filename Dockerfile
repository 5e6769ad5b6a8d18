# The production image for both processes: `node dist/src/main.js` (api) or `node dist/src/worker.js`.
FROM node:24.22.3-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY libs ./libs
RUN npm run build && npm prune --omit=dev

FROM node:24.22.3-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY migrations ./migrations
# The console's static files are served as they are (tsc does not copy them).
COPY --from=build /app/src/modules/console/public ./src/modules/console/public
USER node
EXPOSE 3000
CMD ["node", "--enable-source-maps", "dist/src/main.js"]
