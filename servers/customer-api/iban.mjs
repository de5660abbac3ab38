/** IBAN helpers: the customer API's account ids are (fictional) German IBANs with valid checksums. */

/** @param {string} iban without spaces, upper case */
function mod97(iban) {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const digits = /[A-Z]/.test(char) ? String(char.charCodeAt(0) - 55) : char;
    for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder;
}

/**
 * Builds a German IBAN from an 8-digit bank code and a 10-digit account number.
 * @param {string} bankCode
 * @param {string} accountNumber
 */
export function germanIban(bankCode, accountNumber) {
  const bban = bankCode + accountNumber;
  const check = 98 - mod97(`DE00${bban}`);
  return `DE${String(check).padStart(2, '0')}${bban}`;
}

/**
 * True for a syntactically valid IBAN (any country) with a correct checksum. Spaces are ignored.
 * @param {string} value
 */
export function isValidIban(value) {
  const iban = value.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  return mod97(iban) === 1;
}

/** @param {string} value */
export function normalizeIban(value) {
  return value.replace(/\s+/g, '').toUpperCase();
}
