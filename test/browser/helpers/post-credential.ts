import type { Page } from 'playwright-core';

/**
 * Posts a credential to POST /v as the scan page's paste form does (a plain form, no script
 * of the page's own): a small form is put on a page of the hub and submitted.
 */
export async function postCredential(page: Page, hubUrl: string, credential: string, lang: string) {
  await page.goto(`${hubUrl}/scan?lang=${lang}`);
  await Promise.all([
    page.waitForURL(`${hubUrl}/v`),
    page.evaluate(
      ({ credential, lang }) => {
        const form = document.createElement('form');
        form.method = 'post';
        form.action = '/v';
        for (const [name, value] of Object.entries({ credential, lang })) {
          const input = document.createElement('input');
          input.type = 'hidden';
          input.name = name;
          input.value = value;
          form.appendChild(input);
        }
        document.body.appendChild(form);
        form.submit();
      },
      { credential, lang },
    ),
  ]);
}
