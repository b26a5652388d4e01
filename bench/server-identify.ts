/**
 * Identification at a steady rate over several server instances (bench/server.ts): requests are
 * scheduled by the clock (open loop: one every 1000/rate ms, whether or not the earlier ones have
 * answered), alternating between instances, each sent through the kiosk's own API client. Most
 * are right (distinct students), a few carry a wrong birth date, so the attempt limiter stays
 * out of the way and is not what is measured.
 */
import type { DatasetStudent } from '../src-main/simulator/dataset';
import { kioskClient } from '../test/support/server-stack';

export interface IdentifyRun {
  /** Latencies in ms, sorted. */
  latencies: number[];
  /** Delays between requests' scheduled times and their sending (the bench's own lag), sorted. */
  lags: number[];
  wrong: number;
}

/** The q-th quantile (0..1) of sorted values. */
export const quantile = (sorted: readonly number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? NaN;

/** Another valid date than `birthDate` (a day later, kept within the month). */
const wrongDate = (birthDate: string) => {
  const day = Number(birthDate.slice(8, 10));
  return `${birthDate.slice(0, 8)}${String(day >= 28 ? day - 1 : day + 1).padStart(2, '0')}`;
};

/**
 * Identifies `students` (one request each, every `1 / wrongShare`-th one with a wrong birth date)
 * at `rate` requests per second over `urls`; throws on any unexpected answer.
 */
export async function identifyAtRate(
  urls: readonly string[],
  students: readonly DatasetStudent[],
  options: { rate: number; wrongEvery: number; warmup: readonly DatasetStudent[] },
): Promise<IdentifyRun> {
  const clients = urls.map(kioskClient);
  // Tokens fetched and code paths warmed on every instance before the clock starts.
  for (const [i, s] of options.warmup.entries()) {
    const answer = await clients[i % clients.length]!.identify(s);
    if (!answer.ok) throw new Error(`warm-up identification failed: ${answer.error.code}`);
  }

  const latencies: number[] = [];
  const lags: number[] = [];
  let wrong = 0;
  const interval = 1000 / options.rate;
  const start = performance.now() + 100;
  const one = async (i: number) => {
    const student = students[i]!;
    const isWrong = i % options.wrongEvery === options.wrongEvery - 1;
    const query = {
      studentNumber: student.studentNumber,
      birthDate: isWrong ? wrongDate(student.birthDate) : student.birthDate,
    };
    const sent = performance.now();
    lags.push(sent - (start + i * interval));
    const answer = await clients[i % clients.length]!.identify(query);
    latencies.push(performance.now() - sent);
    if (isWrong) {
      wrong += 1;
      if (answer.ok || answer.error.code !== 'identification_failed')
        throw new Error(`a wrong birth date was answered ${JSON.stringify(answer)}`);
    } else if (!answer.ok || answer.value.identifier !== student.identifier)
      throw new Error(`identification of ${student.identifier}: ${JSON.stringify(answer)}`);
  };
  const runs = students.map(
    (_, i) =>
      new Promise<void>((resolve, reject) => {
        setTimeout(
          () => one(i).then(resolve, reject),
          Math.max(0, start + i * interval - performance.now()),
        );
      }),
  );
  await Promise.all(runs);
  latencies.sort((a, b) => a - b);
  lags.sort((a, b) => a - b);
  return { latencies, lags, wrong };
}
