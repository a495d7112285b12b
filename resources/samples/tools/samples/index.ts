// Every sample host the generator writes, in the order the README describes them.
import type { SampleFile } from '../lib/bundle-writer';
import * as server2016 from './server2016-swarm-portainer';
import * as server2019 from './server2019-broken-nat';
import * as server2022 from './server2022-healthy';
import * as server2022HnsNat from './server2022-hns-nat';
import * as server2022HnsTrouble from './server2022-hns-trouble';

export interface SampleGenerator {
  readonly NAME: string;
  readonly build: () => readonly SampleFile[];
}

export const SAMPLES: readonly SampleGenerator[] = [server2016, server2019, server2022, server2022HnsNat, server2022HnsTrouble];
