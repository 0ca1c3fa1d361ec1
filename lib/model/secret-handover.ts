import { armor, Encrypter } from "age-encryption";

/** An age X25519 recipient: `age1` and 58 bech32 characters (what `age-keygen -y` prints). */
const AGE_RECIPIENT = /^age1[02-9ac-hj-np-z]{58}$/;

/** Whether `value` is an age public key the handover can encrypt to (checksum included). */
export function isAgeRecipient(value: string): boolean {
  if (!AGE_RECIPIENT.test(value)) return false;
  try {
    new Encrypter().addRecipient(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * `secret` encrypted to the customer's age public key, ASCII-armored: safe to paste into an e-mail or
 * ticket, readable only with the customer's private key (`age --decrypt -i key.txt`).
 */
export async function encryptForCustomer(secret: string, recipient: string): Promise<string> {
  const encrypter = new Encrypter();
  encrypter.addRecipient(recipient);
  return armor.encode(await encrypter.encrypt(secret));
}
