import type { VerificationResult } from '../../domain/verification-result.js';
import { escapeHtml as e } from './html.js';
import type { Translator } from './i18n.js';

/**
 * What a worker's wallet showed (issue 17): which of the selectively disclosable claims the
 * worker shared and which not, and whether the copy was bound to this verifier's request. Only
 * for a presentation; the verify page and the employer's request page both show it.
 */
export function presentationSection(result: VerificationResult, tr: Translator): string {
  const p = result.presentation;
  if (!p) return '';
  const names = (list: string[]) =>
    list.length === 0
      ? e(tr.t('presentation.nothing'))
      : list.map((n) => `<span data-claim="${e(n)}">${e(tr.t(`presentation.claim.${n}`))}</span>`).join(', ');
  const binding = p.challengeChecked
    ? ''
    : `<p class="warn" data-unbound>${e(tr.t('presentation.unbound'))}</p>`;
  return `<section aria-labelledby="shown" data-presentation="${e(p.format)}"><h2 id="shown">${e(tr.t('presentation.title'))}</h2><dl class="facts">
<dt>${e(tr.t('presentation.disclosed'))}</dt><dd data-disclosed="${e(p.disclosed.join(' '))}">${names(p.disclosed)}</dd>
<dt>${e(tr.t('presentation.withheld'))}</dt><dd data-withheld="${e(p.withheld.join(' '))}">${names(p.withheld)}</dd>
</dl>${binding}</section>`;
}
