// Random secrets for the OAuth2 authorization-code flow: the `state` that ties a callback to
// the login that started it, and the PKCE (RFC 7636) code verifier with its S256 challenge.
#pragma once

#include <cstddef>
#include <string>

namespace encore {

/// `bytes` bytes from the system's CSPRNG, base64url-encoded without padding.
std::string randomUrlSafeToken(size_t bytes);

/// A PKCE code verifier: 64 characters of [A-Za-z0-9-_] (RFC 7636 allows 43 to 128).
std::string makeCodeVerifier();

/// BASE64URL(SHA256(verifier)) without padding: the S256 code challenge.
std::string codeChallengeS256(const std::string &verifier);

/// Base64 (standard alphabet, padded, one line): for HTTP Basic credentials.
std::string base64Encode(const std::string &data);

}  // namespace encore
