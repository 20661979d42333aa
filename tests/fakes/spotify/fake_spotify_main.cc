// fake_spotify: the fake Spotify as a process, for whole-process benchmarks.
//   fake_spotify [--artists N] [--playlists N] [--entries N] [--liked N] [--albums N]
//                [--albums-per-artist N] [--delay-ms N] [--replay 1]
// Prints "fake spotify listening on http://127.0.0.1:<port>" and serves until SIGTERM or
// SIGINT; then prints how many requests it answered, as it does on SIGUSR1 too. With
// --replay 1 it sends each API answer it rendered before again as it was (a benchmark's
// warm-up pass renders them; see FakeSpotify::Options::replayAnswers).
#include <signal.h>

#include <cstdlib>
#include <cstring>
#include <iostream>

#include "fake_spotify.h"

int main(int argc, char **argv) {
  encore::fake::LibrarySpec spec;
  spec.followedArtists = 2000;
  spec.playlists = 300;
  spec.playlistEntries = 20000;
  spec.likedSongs = 10000;
  spec.savedAlbums = 1000;
  int delayMs = 0;
  bool replay = false;
  for (int i = 1; i + 1 < argc; i += 2) {
    int value = std::atoi(argv[i + 1]);
    if (std::strcmp(argv[i], "--artists") == 0)
      spec.followedArtists = value;
    else if (std::strcmp(argv[i], "--playlists") == 0)
      spec.playlists = value;
    else if (std::strcmp(argv[i], "--entries") == 0)
      spec.playlistEntries = value;
    else if (std::strcmp(argv[i], "--liked") == 0)
      spec.likedSongs = value;
    else if (std::strcmp(argv[i], "--albums") == 0)
      spec.savedAlbums = value;
    else if (std::strcmp(argv[i], "--albums-per-artist") == 0)
      spec.albumsPerArtist = value;
    else if (std::strcmp(argv[i], "--delay-ms") == 0)
      delayMs = value;
    else if (std::strcmp(argv[i], "--replay") == 0)
      replay = value != 0;
    else {
      std::cerr << "unknown option " << argv[i] << "\n";
      return 2;
    }
  }
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGUSR1);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);  // before the server's threads start

  encore::fake::FakeSpotify::Options options;
  options.replayAnswers = replay;
  encore::fake::FakeSpotify fake(encore::fake::FakeLibrary::generate(spec), options);
  fake.setResponseDelay(delayMs);
  auto counts = fake.withLibrary([](encore::fake::FakeLibrary &lib) { return lib.expected(); });
  std::cout << "fake spotify listening on " << fake.url() << "\n"
            << "expected artists=" << counts.artists << " albums=" << counts.albums
            << " tracks=" << counts.tracks << " playlists=" << counts.playlists
            << " liked_songs=" << counts.likedSongs << " saved_albums=" << counts.savedAlbums
            << std::endl;
  int received = 0;
  while (sigwait(&signals, &received) == 0 && received == SIGUSR1) {
    std::cout << "answered " << fake.log().size() << " requests so far" << std::endl;
  }
  std::cout << "answered " << fake.log().size() << " requests" << std::endl;
  return 0;
}
