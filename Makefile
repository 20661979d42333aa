# The two commands a new machine needs: `make run` and `make test`.
BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
JOBS ?= $(shell nproc)
DATA_DIR ?= ./data

.PHONY: deps configure build run test package bench format clean

deps:
	@scripts/install-deps.sh

configure: deps
	@cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DENCORE_WERROR=ON \
	  -DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache >/dev/null

build: configure
	@cmake --build $(BUILD_DIR) -j$(JOBS)

run: build
	@mkdir -p $(DATA_DIR)
	$(BUILD_DIR)/bin/encored --data-dir $(DATA_DIR)

test: build
	@scripts/install-deps.sh --test
	@cd $(BUILD_DIR) && ctest --output-on-failure -j$(JOBS)

# The Debian packages encore and encore-dev, in $(BUILD_DIR)/package.
package: build
	@scripts/install-deps.sh --test
	@cd $(BUILD_DIR) && cpack -G DEB

bench: build
	@scripts/install-deps.sh --bench
	@tests/bench/run_all.sh $(BUILD_DIR)

format:
	@git ls-files '*.c' '*.cc' '*.h' | xargs clang-format -i

clean:
	@rm -rf $(BUILD_DIR)
