// Worker-thread entry: runs one shard and posts its result back.
import { parentPort, workerData } from "node:worker_threads";
import { runShard, type ShardTask } from "./shard.ts";

parentPort!.postMessage(runShard(workerData as ShardTask));
