import { chromium } from 'playwright-core';
const [url, out] = process.argv.slice(2);
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage', '--lang=fr-FR'] });
const p = await b.newPage({ viewport: { width: 390, height: 844 } });
await p.goto(url); await p.waitForTimeout(2500);
await p.screenshot({ path: out, fullPage: true });
console.log(await p.evaluate('document.body.innerText.slice(0, 1500)'));
await b.close();
