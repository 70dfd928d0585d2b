import { idCheckChar } from '@gradphoto/contracts/id-number';

let counter = 0;

/** A fresh, valid ID number (Beijing region, born 2002) and a matching phone/email, unique per call. */
export function newStudent(tag = 'e2e') {
  counter += 1;
  const seq = String((Date.now() + counter) % 1000).padStart(3, '0');
  const first17 = `110105200203${String(10 + (counter % 18)).padStart(2, '0')}${seq}`;
  const n = String((Date.now() * 7 + counter) % 100_000_000).padStart(8, '0');
  return {
    idNumber: first17 + idCheckChar(first17),
    name: '测试学生',
    phone: `139${n}`,
    email: `${tag}${n}@example.com`,
    password: 'Grad2026pass',
  };
}
