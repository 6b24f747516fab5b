// Frequency statements read from prose: the activity, what it is done to, and how often.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findStatements } from '../server/core/readers/prose/statements.ts';
import { activityMatchers } from '../server/core/readers/prose/activities.ts';

const read = (text: string): Array<[string, string | undefined, string]> => findStatements(text, activityMatchers({})).map((s) => [s.activity, s.object?.key, s.frequency.name]);

test('the object of an activity is read after it or right before it, without case, plurals or generic words', () => {
  assert.deepEqual(read('Access reviews of the production database are performed quarterly.'), [['access review', 'production database', 'quarterly']]);
  assert.deepEqual(read('HR system access reviews are performed annually.'), [['access review', 'hr', 'annual']]);
  assert.deepEqual(read('Access reviews of HR systems are performed annually.'), [['access review', 'hr', 'annual']]);
  assert.deepEqual(read('Access reviews are performed quarterly for all production databases.'), [['access review', 'production database', 'quarterly']]);
  assert.deepEqual(read('Managers review access to the payroll application every quarter.'), [['access review', 'payroll', 'quarterly']]);
  assert.deepEqual(read('Penetration tests of the customer portal are performed annually.'), [['penetration test', 'customer portal', 'annual']]);
});

test('no object: a subject before a verb, a purpose, an object that stands for everything', () => {
  assert.deepEqual(read('User access reviews are performed quarterly.'), [['access review', undefined, 'quarterly']]);
  assert.deepEqual(read('The security team performs access reviews quarterly.'), [['access review', undefined, 'quarterly']]);
  assert.deepEqual(read('Team leads review access every quarter.'), [['access review', undefined, 'quarterly']]);
  assert.deepEqual(read('Access reviews are performed quarterly to ensure least privilege.'), [['access review', undefined, 'quarterly']]);
  assert.deepEqual(read('System owners complete user access reviews of all systems quarterly.'), [['access review', undefined, 'quarterly']]);
});

test('a frequency the sentence rules out is not stated: "not annually, but monthly", "rather than yearly"', () => {
  assert.deepEqual(read('Every employee completes security awareness training not annually, but monthly.'), [['security training', undefined, 'monthly']]);
  assert.deepEqual(read('Access reviews are performed quarterly rather than yearly.'), [['access review', undefined, 'quarterly']]);
  assert.deepEqual(read('Penetration tests are performed quarterly, no longer annually.'), [['penetration test', undefined, 'quarterly']]);
  assert.deepEqual(read('Access reviews are performed not less often than quarterly.'), [['access review', undefined, 'quarterly']]);
});

test('frequencies offered as a choice state none: a template\'s "[QUARTERLY/ANNUALLY]", "monthly or quarterly"', () => {
  assert.deepEqual(read('- **Penetration test**: [QUARTERLY/ANNUALLY]'), []);
  assert.deepEqual(read('Access reviews are performed monthly or quarterly, as the owner decides.'), []);
  assert.deepEqual(read('Access reviews are performed monthly, or quarterly for test systems.'), []);
  // Two frequencies that are not a choice are both stated.
  assert.deepEqual(read('Access reviews are performed quarterly and penetration tests annually.'), [
    ['access review', undefined, 'quarterly'],
    ['penetration test', undefined, 'annual'],
  ]);
});

const verbs = (text: string): Array<[string, string | undefined, string | undefined]> => findStatements(text, activityMatchers({})).map((s) => [s.activity, s.verb, s.frequency.name]);

test('the kind of task a sentence names for its activity: a passive after it, a verb before it, none inside its own phrase', () => {
  assert.deepEqual(verbs('Review the vendor risk assessment every quarter.'), [['risk assessment', 'review', 'quarterly']]);
  assert.deepEqual(verbs('- Review Hosting Risk Assessment (list the failure scenarios) [quarterly]'), [['risk assessment', 'review', 'quarterly']]);
  assert.deepEqual(verbs('{{.Name}} updates its Hosting Risk Assessment on an annual basis, after the threat briefing.'), [['risk assessment', 'update', 'annual']]);
  assert.deepEqual(verbs('Risk assessments are revised annually.'), [['risk assessment', 'update', 'annual']]);
  assert.deepEqual(verbs('Penetration tests are performed annually by an outside firm.'), [['penetration test', 'perform', 'annual']]);
  assert.deepEqual(verbs('The security team conducts risk assessments yearly.'), [['risk assessment', 'perform', 'annual']]);
  // The activity's own verb is the activity: no kind of task on it.
  assert.deepEqual(verbs('Team leads review access every quarter.'), [['access review', undefined, 'quarterly']]);
  assert.deepEqual(verbs('User access is reviewed monthly.'), [['access review', undefined, 'monthly']]);
});

test('no kind of task: none named, two kinds at once, a verb of another clause, audit as a modifier', () => {
  assert.deepEqual(verbs('Risk assessments happen annually.'), [['risk assessment', undefined, 'annual']]);
  assert.deepEqual(verbs('The risk assessment is reviewed and updated annually.'), [['risk assessment', undefined, 'annual']]);
  assert.deepEqual(verbs('The CISO will review and update the risk assessment quarterly.'), [['risk assessment', undefined, 'quarterly']]);
  assert.deepEqual(verbs('Findings are reviewed by the board with the risk assessment each year.'), [['risk assessment', undefined, 'annual']]);
  assert.deepEqual(verbs('Audit log reviews happen weekly.'), [['log review', undefined, 'weekly']]);
});
