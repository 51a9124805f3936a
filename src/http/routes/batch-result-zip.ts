import type { FastifyInstance, FastifyReply } from 'fastify';
import type { HubContext } from '../../services/hub-context.js';
import type { BatchRecord } from '../../services/ports.js';
import { surveyLinker } from '../../services/outcomes/worker-survey.js';
import { urlId, verifyUrlFor } from '../../services/issuance/issue-certificate.js';
import { qrTextFor } from '../../services/issuance/certificate-qr.js';
import { storedBatchRows } from '../../services/cohorts/batches.js';
import { storedCertificate } from '../../services/verification/verification-service.js';
import { fileSlug } from '../../domain/file-names.js';
import { freshOffer } from '../../services/wallets/wallet-offers.js';

/**
 * A batch's result as one ZIP, streamed: for each issued row its credential
 * (`credentials/<worker-name-slug>_<uuid>.json`, or `.jwt`: ../../domain/file-names.ts keeps
 * every name safe ASCII, the certificate id unique), its QR code (`qr/...png`) and, when the
 * hub can print certificates, its A4 PDF (`pdf/...pdf`, rendered by GET
 * /certificates/:id/certificate.pdf), plus `index.csv` listing every row (issued, failed,
 * invalid) with its files and errors, formula-safe for spreadsheets.
 */
export async function writeBatchZip(
  ctx: HubContext,
  app: FastifyInstance,
  reply: FastifyReply,
  batch: BatchRecord,
  opts: { pdf: boolean },
): Promise<FastifyReply> {
  const { formats } = ctx;
  const rows = await storedBatchRows(ctx, batch);
  const linker = await surveyLinker(ctx);
  const zip = formats.zip(new Date(Date.parse(batch.createdAt) || Date.now()));
  reply
    .type('application/zip')
    .header('content-disposition', `attachment; filename="skillpass-batch-${batch.id}.zip"`)
    .header('cache-control', 'no-store');
  const index: unknown[][] = [
    [
      'row',
      'line',
      'state',
      'certificateId',
      'qualification',
      'holderName',
      'holderNameLatin',
      'holderBirthDate',
      'holderDocumentNumber',
      'verifyUrl',
      'credentialFile',
      'qrFile',
      'pdfFile',
      'followUpSurveyUrl',
      'followUpSurveyQrFile',
      'errors',
      // the worker's wallet offer, made afresh by this download (earlier ones void): README "Certificates in a wallet"
      'walletOfferLink',
      'walletPin',
      'walletOfferExpires',
    ],
  ];
  let pdfWorks = opts.pdf;
  const fill = async () => {
    for (const r of rows) {
      const base = [
        r.row,
        r.line ?? '',
        r.state,
        r.state === 'issued' ? r.certificateId : '',
        r.input.qualification ?? '',
        r.input.holderName ?? '',
        r.input.holderNameLatin ?? '',
        r.input.holderBirthDate ?? '',
        r.input.holderDocumentNumber ?? '',
      ];
      const errors = [...r.errors, ...(r.failure ? [r.failure] : [])]
        .map((e) => `${e.column}: ${e.message}`)
        .join(' | ');
      const record =
        r.state === 'issued' && r.certificateId ? await storedCertificate(ctx, r.certificateId) : undefined;
      if (!record) {
        index.push([...base, '', '', '', '', '', '', errors, '', '', '']);
        continue;
      }
      const name = `${fileSlug(r.input.holderNameLatin ?? r.input.holderName)}_${urlId(record.id)}`;
      const verifyUrl = verifyUrlFor(ctx.publicUrl, record.id);
      const credentialFile = `credentials/${name}.${record.format === 'vc+jwt' ? 'jwt' : 'json'}`;
      zip.add(
        credentialFile,
        record.format === 'vc+jwt'
          ? record.serialized
          : `${JSON.stringify(JSON.parse(record.serialized), null, 2)}\n`,
      );
      const offer = await freshOffer(ctx, record.id, {
        ...(r.input.holderBirthDate ? { birthDate: r.input.holderBirthDate } : {}),
        showBirthDate: /^(yes|y|true|1)$/i.test(r.input.showBirthDate ?? ''),
      });
      const qrFile = `qr/${name}.png`;
      zip.add(qrFile, await formats.qr.png(qrTextFor(formats, verifyUrl, record)), false);
      let pdfFile = '';
      if (pdfWorks) {
        // the printable certificate where this hub has one (pages); skipped for the whole batch when it does not answer
        const res = await app.inject({
          method: 'GET',
          // the worker's PDF carries the offer's code, not the PIN (certificate-pdf.ts)
          url: `/certificates/${urlId(record.id)}/certificate.pdf?${offer.uri.slice(offer.uri.indexOf('?') + 1)}`,
        });
        if (res.statusCode === 200 && String(res.headers['content-type']).startsWith('application/pdf')) {
          pdfFile = `pdf/${name}.pdf`;
          zip.add(pdfFile, res.rawPayload, false);
        } else pdfWorks = false;
      }
      // the worker's survey link, to hand to the worker only (consent given): ../../services/outcomes/worker-survey.ts
      let surveyUrl = '';
      let surveyQrFile = '';
      const survey = await linker.linkIfConsented(record.id);
      if (survey) {
        surveyUrl = survey.url;
        surveyQrFile = `survey-qr/${name}.png`;
        zip.add(surveyQrFile, await formats.qr.png(surveyUrl), false);
      }
      index.push([
        ...base,
        verifyUrl,
        credentialFile,
        qrFile,
        pdfFile,
        surveyUrl,
        surveyQrFile,
        errors,
        offer.link,
        offer.pin,
        offer.expiresAt,
      ]);
      await new Promise((resolve) => setImmediate(resolve)); // let other requests in between rows
    }
    zip.add('index.csv', formats.csv.document(index));
    zip.end();
  };
  fill().catch((err: unknown) => {
    reply.log.error({ err }, 'batch zip failed');
    zip.stream.destroy(err as Error);
  });
  return reply.send(zip.stream);
}
