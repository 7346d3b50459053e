// The administrator's pages and the public results page in a real browser: Debian's Chromium,
// driven by playwright-core. A fresh election (a chair by instant-runoff among Ada, Ben and Cy;
// four members) is made with the scrutineer command, with two accounts (alice, administrator;
// rory, returning officer), and `scrutineer serve` started on a free loopback port. Three
// members vote through the API before the ballot closes, a few seconds after it opened. Then:
//   - alice signs in, sees the elections and the election's overview: 4 on the register, 4
//     codes, 3 returned online, turnout 75.0%; she signs out;
//   - once the ballot's time is up, rory signs in, closes the ballot, counts and declares;
//   - the public results page shows the declaration.
// Worked by hand: Ann ranks Ada then Ben, Bo ranks Ben, Cat ranks Ben then Ada. Round 1: Ada 1,
// Ben 2, Cy 0 of 3 continuing votes; more than half is 2, so Ben is elected in the first round
// with 2 votes (66.7%) to Ada's 1 (33.3%); 3 of 4 voted: turnout 75.0%.
// No page may draw a complaint from the browser (a Content-Security-Policy refusal is one). A
// screenshot of each page is saved in DIR/screenshots (admin-*.png).
//
// Usage: node tests/web/admin.js SCRUTINEER DIR  (NODE_PATH: where playwright-core is)

'use strict';
const assert = require('node:assert/strict');
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');

const [scrutineer, outDir] = process.argv.slice(2).map((arg) => path.resolve(arg));
const work = path.join(outDir, 'admin-run');
const shots = path.join(outDir, 'screenshots');
const password = 'correct horse battery staple';
const votingSeconds = 20;  // the ballot closes this long after the election is made

function isoTime(seconds) {
  return new Date(seconds * 1000).toISOString().replace('.000Z', '+00:00');
}

// The election, its register, its accounts and its codes; the codes by number and the close.
function prepareElection() {
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  fs.mkdirSync(shots, { recursive: true });
  const now = Math.floor(Date.now() / 1000);
  const close = now + votingSeconds;
  fs.writeFileSync(path.join(work, 'election.toml'), [
    'id = "club"', 'title = "Club chair"', '[timetable]', 'time_zone = "UTC"',
    `nominations_open = ${isoTime(now - 300)}`, `nominations_close = ${isoTime(now - 200)}`,
    `ballot_open = ${isoTime(now - 100)}`, `ballot_close = ${isoTime(close)}`,
    '[[sections]]', 'id = "members"', '[[contests]]', 'id = "chair"', 'title = "Chair"',
    'method = "irv"', 'candidates = ["Ada", "Ben", "Cy"]', ''].join('\n'));
  fs.writeFileSync(path.join(work, 'register.csv'),
    'number,name,section,joined,email\n1,Ann,members,2015-01-01,ann@example.org\n' +
    '2,Bo,members,2015-01-01,bo@example.org\n3,Cat,members,2015-01-01,cat@example.org\n' +
    '4,Dee,members,2015-01-01,dee@example.org\n');
  const store = ['--store', path.join(work, 'club.db')];
  const env = { ...process.env, SCRUTINEER_PASSWORD: password };
  const run = (...args) => execFileSync(scrutineer, [...args, ...store], { cwd: work, stdio: 'pipe', env });
  run('election', 'create', 'election.toml');
  run('register', 'import', 'club', 'register.csv');
  run('election', 'advance', 'club', '--to', 'nominations');
  run('election', 'advance', 'club', '--to', 'ballot_open');
  run('accounts', 'add', 'alice', '--role', 'administrator');
  run('accounts', 'add', 'rory', '--role', 'returning_officer');
  const csv = run('credentials', 'issue', 'club').toString().trim().split('\n').slice(1);
  const codes = Object.fromEntries(csv.map((line) => [line.split(',')[0], line.split(',')[6]]));
  return { codes, close };
}

function startServer() {
  const server = spawn(scrutineer, ['serve', '--store', path.join(work, 'club.db'),
    '--listen', '127.0.0.1:0', '--keys', work], { stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let said = '';
    server.stderr.on('data', (chunk) => {
      said += chunk;
      const found = said.match(/serving on (http:\/\/127\.0\.0\.1:\d+)\//);
      if (found) resolve({ server, url: found[1] });
    });
    server.on('exit', (code) => reject(new Error(`serve ended (${code}): ${said}`)));
  });
}

async function vote(url, code, chair) {
  const answer = await fetch(`${url}/api/v1/ballots`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ credential: code, contests: { chair } }),
  });
  assert.equal(answer.status, 201, await answer.text());
}

async function shoot(page, name) {
  await page.screenshot({ path: path.join(shots, `admin-${name}.png`), fullPage: true });
}

// A page that records every complaint of the browser's.
async function watchedPage(context, complaints) {
  const page = await context.newPage();
  page.setDefaultTimeout(10000);
  page.on('console', (message) => {
    if (message.type() === 'error') complaints.push(message.text());
  });
  page.on('pageerror', (error) => complaints.push(String(error)));
  page.on('response', (response) => {
    if (response.status() >= 400) complaints.push(`${response.status()}: ${response.url()}`);
  });
  return page;
}

async function signIn(page, url, name) {
  await page.goto(url + '/admin');
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  await page.getByLabel('Account name').fill(name);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Elections' }).waitFor();
}

// The cells of the section row of the overview, after its name.
async function sectionRow(page) {
  return page.locator('main table').first().locator('tbody tr').first().locator('td').allTextContents();
}

async function administrator(page, url) {
  await shoot(page, '1-sign-in');
  await signIn(page, url, 'alice');
  assert.equal(await page.getByRole('link', { name: 'Club chair' }).count(), 1);
  await shoot(page, '2-elections');
  await page.getByRole('link', { name: 'Club chair' }).click();
  await page.getByText('State: ballot_open').waitFor();
  assert.deepEqual(await sectionRow(page), ['4', '4', '3', '0', '75.0%']);
  await shoot(page, '3-overview-open');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
}

async function step(page, button, state, shot) {
  await page.getByRole('button', { name: button }).click();
  await page.getByText(`The election is now in state ${state}.`).waitFor();
  await shoot(page, shot);
}

async function returningOfficer(page, url, close) {
  await signIn(page, url, 'rory');
  await page.getByRole('link', { name: 'Club chair' }).click();
  const wait = close * 1000 + 1500 - Date.now();
  if (wait > 0) await new Promise((done) => setTimeout(done, wait));
  await step(page, 'Close the ballot', 'closed', '4-closed');
  await step(page, 'Count', 'counted', '5-counted');
  await step(page, 'Declare the result', 'declared', '6-declared');
}

async function publicResults(page, url) {
  await page.goto(url + '/elections/club/results');
  await page.getByText('Ben is elected').first().waitFor();
  const text = await page.locator('main').innerText();
  for (const figure of ['66.7', '33.3', '75.0%']) {
    assert.ok(text.includes(figure), `the results page lacks ${figure}`);
  }
  // The style sheet applied: the result stands out in bold, as the report's style says.
  const weight = await page.locator('p.result').evaluate((p) => getComputedStyle(p).fontWeight);
  assert.equal(weight, '700');
  assert.ok(await page.locator('svg').count() > 0, 'no chart');
  await shoot(page, '7-results');
}

async function main() {
  const { codes, close } = prepareElection();
  const { server, url } = await startServer();
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    await vote(url, codes['1'], ['Ada', 'Ben']);
    await vote(url, codes['2'], ['Ben']);
    await vote(url, codes['3'], ['Ben', 'Ada']);
    const complaints = [];
    const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
    const page = await watchedPage(context, complaints);
    await administrator(page, url);
    await returningOfficer(page, url, close);
    await publicResults(page, url);
    assert.deepEqual(complaints, [], 'the browser reported errors (a Content-Security-Policy refusal?)');
    await context.close();
    console.log(`signed in, closed, counted, declared; results shown; screenshots in ${shots}`);
  } finally {
    await browser.close();
    server.kill('SIGTERM');
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
