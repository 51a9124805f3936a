import type { HubContext } from '../hub-context.js';
import { describeQualification, type QualificationView } from './registry-service.js';
import type { AqrfLevel, Framework, Qualification, Spoke } from '../../domain/types.js';
import { SkillPassError } from '../../domain/errors.js';

/** The registry's public reads (GET /registry/...): what the routes show, 404 for what is not there. */
type Reader = Pick<HubContext, 'store'>;

export async function frameworkRegistry(
  ctx: Reader,
): Promise<{ aqrf: { id: 'AQRF'; levels: AqrfLevel[] }; frameworks: Framework[] }> {
  const { repos } = ctx.store;
  return {
    aqrf: { id: 'AQRF', levels: await repos.frameworks.listAqrfLevels() },
    frameworks: await repos.frameworks.list(),
  };
}

/** A framework; the AQRF with its levels. */
export async function findFramework(
  ctx: Reader,
  id: string,
): Promise<Framework | (Framework & { levels: AqrfLevel[] })> {
  const { repos } = ctx.store;
  const framework = await repos.frameworks.get(id);
  if (!framework) throw new SkillPassError('not-found', `No framework ${id}.`);
  return framework.id === 'AQRF'
    ? { ...framework, levels: await repos.frameworks.listAqrfLevels() }
    : framework;
}

export async function findAqrfLevel(ctx: Reader, level: string): Promise<AqrfLevel> {
  const found = (await ctx.store.repos.frameworks.listAqrfLevels()).find((l) => String(l.level) === level);
  if (!found) throw new SkillPassError('not-found', `No AQRF level ${level}.`);
  return found;
}

export const allQualifications = (ctx: Reader): Promise<Qualification[]> =>
  ctx.store.repos.qualifications.list();

export async function qualificationViews(ctx: HubContext): Promise<QualificationView[]> {
  const { repos } = ctx.store;
  const frameworks = new Map((await repos.frameworks.list()).map((f) => [f.id, f]));
  return Promise.all(
    (await repos.qualifications.list()).map((q) =>
      describeQualification(ctx, q, frameworks.get(q.framework)),
    ),
  );
}

export async function findQualificationView(ctx: HubContext, code: string): Promise<QualificationView> {
  const q = await ctx.store.repos.qualifications.get(code);
  if (!q) throw new SkillPassError('not-found', `No qualification ${code}.`);
  return describeQualification(ctx, q);
}

export const allSpokes = (ctx: Reader): Promise<Spoke[]> => ctx.store.repos.spokes.list();
