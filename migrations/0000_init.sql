CREATE TABLE `footnotes` (
	`release_id` text NOT NULL,
	`id` text NOT NULL,
	`table_id` text NOT NULL,
	`metric_id` text NOT NULL,
	`marker` text NOT NULL,
	`text_nl` text NOT NULL,
	`text_en` text NOT NULL,
	PRIMARY KEY(`release_id`, `id`),
	FOREIGN KEY (`release_id`) REFERENCES `releases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`table_id`,`metric_id`) REFERENCES `metrics`(`table_id`,`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `metrics` (
	`table_id` text NOT NULL,
	`id` text NOT NULL,
	`position` integer NOT NULL,
	`unit` text NOT NULL,
	`rounded_to` real NOT NULL,
	`label_nl` text,
	`label_en` text,
	`definition_nl` text,
	`definition_en` text,
	`cumulative` integer NOT NULL,
	PRIMARY KEY(`table_id`, `id`),
	FOREIGN KEY (`table_id`) REFERENCES `stat_tables`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "metrics_unit" CHECK("metrics"."unit" in ('count', 'percent', 'eur', 'eur-million', 'fte')),
	CONSTRAINT "metrics_rounded_to" CHECK("metrics"."rounded_to" > 0)
);
--> statement-breakpoint
CREATE TABLE `observation_footnotes` (
	`release_id` text NOT NULL,
	`table_id` text NOT NULL,
	`metric_id` text NOT NULL,
	`procedure` text NOT NULL,
	`year` integer NOT NULL,
	`footnote_id` text NOT NULL,
	PRIMARY KEY(`release_id`, `table_id`, `metric_id`, `procedure`, `year`, `footnote_id`),
	FOREIGN KEY (`release_id`,`table_id`,`metric_id`,`procedure`,`year`) REFERENCES `observations`(`release_id`,`table_id`,`metric_id`,`procedure`,`year`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`release_id`,`footnote_id`) REFERENCES `footnotes`(`release_id`,`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `observations` (
	`release_id` text NOT NULL,
	`table_id` text NOT NULL,
	`metric_id` text NOT NULL,
	`procedure` text NOT NULL,
	`year` integer NOT NULL,
	`value` real NOT NULL,
	`revised_value` real,
	`in_text` integer NOT NULL,
	`label_nl` text NOT NULL,
	`label_en` text NOT NULL,
	`section` text NOT NULL,
	`printed_row` text NOT NULL,
	`precision` text NOT NULL,
	`step` real,
	`qualifier` text,
	`note_nl` text,
	`note_en` text,
	`printed_year` integer,
	PRIMARY KEY(`release_id`, `table_id`, `metric_id`, `procedure`, `year`),
	FOREIGN KEY (`release_id`) REFERENCES `releases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`table_id`,`metric_id`) REFERENCES `metrics`(`table_id`,`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "observations_procedure" CHECK("observations"."procedure" in ('total', 'tev', 'vvr')),
	CONSTRAINT "observations_precision" CHECK("observations"."precision" in ('exact', 'rounded', 'approximate')),
	CONSTRAINT "observations_step" CHECK(("observations"."precision" = 'rounded') = ("observations"."step" is not null and "observations"."step" > 0)),
	CONSTRAINT "observations_qualifier" CHECK(("observations"."precision" = 'approximate') = ("observations"."qualifier" is not null and "observations"."qualifier" in ('just-over', 'about', 'almost'))),
	CONSTRAINT "observations_year" CHECK("observations"."year" between 1900 and 2999)
);
--> statement-breakpoint
CREATE TABLE `rankings` (
	`release_id` text NOT NULL,
	`table_id` text NOT NULL,
	`year` integer NOT NULL,
	`rank` integer NOT NULL,
	`country` text NOT NULL,
	`label_nl` text NOT NULL,
	`label_en` text NOT NULL,
	`basis_nl` text NOT NULL,
	`basis_en` text NOT NULL,
	`ordered` integer NOT NULL,
	PRIMARY KEY(`release_id`, `table_id`, `year`, `rank`),
	FOREIGN KEY (`release_id`) REFERENCES `releases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`table_id`) REFERENCES `stat_tables`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "rankings_rank" CHECK("rankings"."rank" >= 1),
	CONSTRAINT "rankings_country" CHECK(length("rankings"."country") = 2 and "rankings"."country" = upper("rankings"."country"))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rankings_country_once` ON `rankings` (`release_id`,`table_id`,`year`,`country`);--> statement-breakpoint
CREATE TABLE `releases` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`name_nl` text,
	`name_en` text,
	`language` text NOT NULL,
	`publisher_nl` text NOT NULL,
	`publisher_en` text NOT NULL,
	`url` text,
	`kind` text NOT NULL,
	`published_date` text,
	`published_known` text NOT NULL,
	`published_basis` text NOT NULL,
	`citation_nl` text,
	`citation_en` text,
	`note_nl` text,
	`note_en` text,
	CONSTRAINT "releases_kind" CHECK("releases"."kind" in ('ministry-accounts', 'government-report', 'annual-report', 'annual-figures', 'asylum-figures')),
	CONSTRAINT "releases_language" CHECK("releases"."language" in ('nl', 'en')),
	CONSTRAINT "releases_basis" CHECK("releases"."published_basis" in ('shown', 'last-update', 'reported', 'partial')),
	CONSTRAINT "releases_date" CHECK("releases"."published_date" is null or "releases"."published_date" = "releases"."published_known")
);
--> statement-breakpoint
CREATE TABLE `stat_tables` (
	`id` text PRIMARY KEY NOT NULL,
	`position` integer NOT NULL,
	`heading` text NOT NULL,
	`title_nl` text NOT NULL,
	`title_en` text NOT NULL,
	`description_nl` text NOT NULL,
	`description_en` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `stated_shares` (
	`release_id` text NOT NULL,
	`id` text NOT NULL,
	`table_id` text NOT NULL,
	`year` integer NOT NULL,
	`part_metric_id` text NOT NULL,
	`whole_metric_id` text NOT NULL,
	`percent` real NOT NULL,
	`approximate` integer NOT NULL,
	`section` text NOT NULL,
	PRIMARY KEY(`release_id`, `id`),
	FOREIGN KEY (`release_id`) REFERENCES `releases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`table_id`,`part_metric_id`) REFERENCES `metrics`(`table_id`,`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`table_id`,`whole_metric_id`) REFERENCES `metrics`(`table_id`,`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `sum_identities` (
	`id` text PRIMARY KEY NOT NULL,
	`description_nl` text NOT NULL,
	`description_en` text NOT NULL,
	`table_id` text NOT NULL,
	`metric_id` text NOT NULL,
	`procedure` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sum_identity_parts` (
	`identity_id` text NOT NULL,
	`position` integer NOT NULL,
	`table_id` text NOT NULL,
	`metric_id` text NOT NULL,
	`procedure` text NOT NULL,
	`sign` integer NOT NULL,
	PRIMARY KEY(`identity_id`, `position`),
	FOREIGN KEY (`identity_id`) REFERENCES `sum_identities`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "sum_identity_parts_sign" CHECK("sum_identity_parts"."sign" in (1, -1))
);
--> statement-breakpoint
CREATE TABLE `weighted_rates` (
	`rate_metric_id` text NOT NULL,
	`weight_metric_id` text NOT NULL,
	`description_nl` text NOT NULL,
	`description_en` text NOT NULL,
	PRIMARY KEY(`rate_metric_id`, `weight_metric_id`)
);
