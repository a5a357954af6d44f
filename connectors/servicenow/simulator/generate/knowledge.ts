// Knowledge articles. Gaps: published articles past their valid_to date, drafts nobody reviews, articles
// without an owning group.
import { formatDate } from '../time-format.js';
import { DAY, liveIds, notAfterNow, pickRef, pickUser, type RowGenerator } from './context.js';
import { KB_SUBJECTS } from './text.js';

export const knowledgeRow: RowGenerator = (ctx, opened, store) => {
  const { rng, refs, now, db } = ctx;
  const state = rng.weighted([
    ['published', 70],
    ['draft', 8],
    ['review', 5],
    ['retired', 8],
    ['outdated', 4],
    ['pending_retirement', 5],
  ]);
  let validTo: string;
  if (state === 'retired' || state === 'outdated') validTo = formatDate(now - rng.int(1, 400) * DAY);
  else if (state === 'published' && rng.chance(0.15))
    validTo = formatDate(now - rng.int(1, 300) * DAY); // expired, still published
  else if (rng.chance(0.3)) validTo = '2100-01-01';
  else validTo = formatDate(now + rng.int(30, 700) * DAY);
  const author = pickUser(ctx);
  const published =
    state === 'draft' || state === 'review'
      ? ''
      : formatDate(notAfterNow(ctx, opened + rng.int(1, 20) * DAY));
  const subject = rng.pick(KB_SUBJECTS);
  const bases = liveIds(db.store('kb_knowledge_base'));
  const categories = liveIds(db.store('kb_category'));
  return {
    sys_id: rng.sysId(),
    number: store.nextNumber(),
    short_description: subject,
    text: `<p>${subject}.</p><ol><li>Open the self-service portal.</li><li>Follow the steps shown.</li></ol>`,
    workflow_state: state,
    valid_to: validTo,
    published,
    kb_knowledge_base: bases[0] ?? '',
    kb_category: categories.length > 0 ? rng.pick(categories) : '',
    author: author.id,
    ownership_group: pickRef(ctx, refs.groups, 0.1),
    article_type: rng.chance(0.9) ? 'text' : 'wiki',
    active: String(state !== 'retired'),
    sys_view_count: String(Math.floor(rng.skewed(120, 1.2))),
    sys_created_on: opened,
    sys_created_by: author.name,
    sys_updated_on: notAfterNow(ctx, opened + rng.int(0, 200) * DAY),
    sys_updated_by: author.name,
    sys_mod_count: rng.int(1, 15),
  };
};
