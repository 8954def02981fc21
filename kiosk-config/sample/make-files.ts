/**
 * Makes the demonstration center's sample video and document, shipped beside this script and put in
 * the box's media store on a demo center (server/src/resources/resources.sample-files.ts): a
 * four-second WebM (VP8) recorded from a drawn canvas by Debian's Chromium, and a one-page A4 PDF
 * printed by it. Each is checked as the tablets will open it (the video plays, the PDF starts as one)
 * before it is written. Run by hand when they change:
 *   bash kiosk-config/install/node.sh node --import tsx kiosk-config/sample/make-files.ts
 */
import { writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const here = (name: string) => new URL(`./${name}`, import.meta.url);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--autoplay-policy=no-user-gesture-required'],
});
try {
  const page = await browser.newPage();
  await page.setContent('<canvas width="320" height="180"></canvas><video muted></video>');
  // Run in the page (plain JavaScript: this script is type-checked with Node's types only).
  const video = (await page.evaluate(`(async () => {
    const canvas = document.querySelector('canvas');
    const g = canvas.getContext('2d');
    const seconds = 4;
    const draw = (t) => {
      g.fillStyle = '#1b5e20';
      g.fillRect(0, 0, 320, 180);
      g.fillStyle = '#ffffff';
      g.textAlign = 'center';
      g.font = 'bold 26px sans-serif';
      g.fillText('Video mẫu', 160, 70);
      g.font = '17px sans-serif';
      g.fillText('Nộp hồ sơ dịch vụ công trực tuyến', 160, 105);
      g.fillRect(20, 150, (280 * Math.min(t, seconds)) / seconds, 8);
    };
    draw(0);
    const recorder = new MediaRecorder(canvas.captureStream(10), {
      mimeType: 'video/webm;codecs=vp8',
      videoBitsPerSecond: 50_000,
    });
    const chunks = [];
    recorder.ondataavailable = (e) => chunks.push(e.data);
    const stopped = new Promise((resolve) => (recorder.onstop = resolve));
    recorder.start();
    const start = performance.now();
    await new Promise((resolve) => {
      const tick = setInterval(() => {
        const t = (performance.now() - start) / 1000;
        draw(t);
        if (t >= seconds) {
          clearInterval(tick);
          resolve();
        }
      }, 100);
    });
    recorder.stop();
    await stopped;
    const blob = new Blob(chunks, { type: 'video/webm' });
    // It plays: the browser decodes its first frame.
    const player = document.querySelector('video');
    player.src = URL.createObjectURL(blob);
    await new Promise((resolve, reject) => {
      player.onloadeddata = resolve;
      player.onerror = () => reject(new Error('the recorded video does not play'));
    });
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let text = '';
    for (const b of bytes) text += String.fromCharCode(b);
    return { base64: btoa(text), width: player.videoWidth, height: player.videoHeight };
  })()`)) as { base64: string; width: number; height: number };
  if (video.width !== 320 || video.height !== 180)
    throw new Error(`unexpected video size ${video.width}×${video.height}`);
  writeFileSync(here('mau-video-dich-vu-cong.webm'), Buffer.from(video.base64, 'base64'));

  await page.setContent(`<!doctype html><html lang="vi"><meta charset="utf-8">
<style>body{font-family:'DejaVu Sans',sans-serif;font-size:12pt;line-height:1.45;margin:0}h1{font-size:16pt}
.mark{border:1px solid #555;padding:4pt 8pt;display:inline-block}</style>
<p class="mark">TÀI LIỆU MẪU — bản trình diễn, trung tâm thay bằng tài liệu của mình</p>
<h1>Hướng dẫn lập kế hoạch học tập của bản thân</h1>
<p>Kế hoạch học tập giúp bác biết mình sẽ học gì, học ở đâu và học đến khi nào.</p>
<ol>
<li>Nghĩ xem năm nay bác muốn biết thêm điều gì: dùng điện thoại, trồng trọt, chăn nuôi, sức khỏe, pháp luật…</li>
<li>Chọn một hoặc hai việc cụ thể, ví dụ: “Biết gọi video cho con cháu”, “Biết ghi sổ chi phí vụ rau”.</li>
<li>Tìm nơi học: lớp ở trung tâm học tập cộng đồng, tài liệu ở tủ sách, video trên máy tính bảng.</li>
<li>Ghi ngày muốn học xong, và nhờ cán bộ trung tâm hoặc người thân nhắc.</li>
<li>Cuối năm, xem lại: việc nào đã làm được, việc nào cần học tiếp.</li>
</ol>
<p>Trên máy tính bảng của trung tâm, bác chọn “Kế hoạch học tập” để ghi kế hoạch của mình.</p>
</html>`);
  const pdf = await page.pdf({ format: 'A4', margin: { top: '20mm', bottom: '20mm', left: '20mm', right: '20mm' } });
  if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error('not a PDF');
  writeFileSync(here('mau-ke-hoach-hoc-tap.pdf'), pdf);
  console.log(`video ${Buffer.from(video.base64, 'base64').length} bytes, document ${pdf.length} bytes`);
} finally {
  await browser.close();
}
