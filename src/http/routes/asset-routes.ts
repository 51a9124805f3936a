import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SkillPassError } from '../../domain/errors.js';
import { scanAssets, type Asset } from '../pages/assets.js';
import { FONT_FILES } from '../pages/web-fonts.js';
import { iconIco } from '../pages/icons.js';
import { negotiateLang, translator } from '../pages/i18n.js';
import { SERVICE_WORKER_PATH, SERVICE_WORKER_SCRIPT, webManifest } from '../pages/web-app.js';

type Query = { lang?: string | string[] };
const IMMUTABLE = 'public, max-age=31536000, immutable';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The files the pages load: hashed scripts, icons and fonts (cached for a year, immutable),
 * /favicon.ico, the web app manifests (the hub's, and one per worker's certificate page so
 * "add to home screen" opens that certificate) and the service worker. None of them is a page.
 */
export function assetRoutes() {
  return async (app: FastifyInstance) => {
    const assets = scanAssets();
    const serve = (asset: Asset) =>
      app.get(asset.path, { schema: { hide: true } }, async (req, reply) => {
        reply.type(asset.type).header('cache-control', IMMUTABLE);
        if (!asset.gzip) return reply.send(asset.body);
        reply.header('vary', 'accept-encoding');
        const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
        return gzip ? reply.header('content-encoding', 'gzip').send(asset.gzip) : reply.send(asset.body);
      });
    Object.values(assets).forEach(serve);
    // woff2 is compressed already
    FONT_FILES.forEach((font) => serve({ path: font.path, type: 'font/woff2', body: font.body }));

    const ico = iconIco(32);
    app.get('/favicon.ico', { schema: { hide: true } }, async (_req, reply) =>
      reply.type('image/x-icon').header('cache-control', 'public, max-age=604800').send(ico),
    );

    const icons = { svg: assets.iconSvg.path, png192: assets.icon192.path, png512: assets.icon512.path };
    const manifest = (reply: FastifyReply, body: Record<string, unknown>) =>
      reply
        .type('application/manifest+json; charset=utf-8')
        .header('cache-control', 'public, max-age=3600')
        .send(JSON.stringify(body));
    const langOf = (req: FastifyRequest<{ Querystring: Query }>) =>
      translator(negotiateLang(req.query.lang, req.headers['accept-language']));
    app.get<{ Querystring: Query }>(
      '/manifest.webmanifest',
      { schema: { hide: true } },
      async (req, reply) => {
        const tr = langOf(req);
        return manifest(
          reply,
          webManifest(tr, icons, { name: tr.t('site.name'), startUrl: `/scan?lang=${tr.lang}`, scope: '/' }),
        );
      },
    );
    app.get<{ Params: { id: string }; Querystring: Query }>(
      '/v/:id/worker/manifest.webmanifest',
      { schema: { hide: true } },
      async (req, reply) => {
        // only a certificate number's shape is needed: the manifest says where to start, nothing about the certificate
        const id = req.params.id.replace(/^urn:uuid:/i, '');
        if (!UUID.test(id)) throw new SkillPassError('not-found', 'No certificate has this number.');
        const tr = langOf(req);
        return manifest(
          reply,
          webManifest(tr, icons, {
            name: `${tr.t('worker.title')} – ${tr.t('site.name')}`,
            startUrl: `/v/${id.toLowerCase()}/worker?lang=${tr.lang}`,
            scope: `/v/${id.toLowerCase()}/`,
          }),
        );
      },
    );

    // a fixed path, checked by the browser for updates: never cached for long
    app.get(SERVICE_WORKER_PATH, { schema: { hide: true } }, async (_req, reply) =>
      reply
        .type('text/javascript; charset=utf-8')
        .header('cache-control', 'no-cache')
        .send(SERVICE_WORKER_SCRIPT),
    );
  };
}
