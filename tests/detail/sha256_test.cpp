// SHA-256 against the FIPS 180-2 appendix B test vectors (and the empty message, FIPS 180-4
// examples), fed whole and in pieces.

#include "totalis/detail/sha256.hpp"

#include <doctest/doctest.h>

#include <string>

using totalis::detail::Sha256;
using totalis::detail::sha256_hex;

TEST_SUITE("sha256") {

TEST_CASE("FIPS 180-2 B.1: one block, \"abc\"") {
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("FIPS 180-2 B.2: two blocks, 448 bits") {
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST_CASE("FIPS 180-2 B.3: one million 'a', fed in uneven pieces") {
  Sha256 hash;
  const std::string piece(997, 'a');
  std::size_t fed = 0;
  while (fed + piece.size() <= 1000000) {
    hash.update(piece);
    fed += piece.size();
  }
  hash.update(std::string(1000000 - fed, 'a'));
  CHECK(hash.hex_digest() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("the empty message") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_CASE("a message of 55, 56 and 64 bytes pads across the block boundary correctly") {
  // Splitting the same message differently never changes the digest.
  for (std::size_t size : {55u, 56u, 63u, 64u, 65u}) {
    const std::string message(size, 'x');
    Sha256 split;
    split.update(message.substr(0, size / 3)).update(message.substr(size / 3));
    CHECK(split.hex_digest() == sha256_hex(message));
  }
}

}
