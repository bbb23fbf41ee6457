CREATE TABLE `footnotes` (
	`report_id` text NOT NULL,
	`id` text NOT NULL,
	`table_id` text NOT NULL,
	`metric_id` text NOT NULL,
	`marker` text NOT NULL,
	`text_nl` text NOT NULL,
	`text_en` text NOT NULL,
	PRIMARY KEY(`report_id`, `id`),
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`table_id`,`metric_id`) REFERENCES `metrics`(`table_id`,`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `metrics` (
	`table_id` text NOT NULL,
	`id` text NOT NULL,
	`position` integer NOT NULL,
	`unit` text NOT NULL,
	`rounded_to` real NOT NULL,
	PRIMARY KEY(`table_id`, `id`),
	FOREIGN KEY (`table_id`) REFERENCES `stat_tables`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "metrics_unit" CHECK("metrics"."unit" in ('count', 'percent', 'eur', 'eur-million', 'fte')),
	CONSTRAINT "metrics_rounded_to" CHECK("metrics"."rounded_to" > 0)
);
--> statement-breakpoint
CREATE TABLE `observation_footnotes` (
	`report_id` text NOT NULL,
	`table_id` text NOT NULL,
	`metric_id` text NOT NULL,
	`procedure` text NOT NULL,
	`year` integer NOT NULL,
	`footnote_id` text NOT NULL,
	PRIMARY KEY(`report_id`, `table_id`, `metric_id`, `procedure`, `year`, `footnote_id`),
	FOREIGN KEY (`report_id`,`table_id`,`metric_id`,`procedure`,`year`) REFERENCES `observations`(`report_id`,`table_id`,`metric_id`,`procedure`,`year`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`report_id`,`footnote_id`) REFERENCES `footnotes`(`report_id`,`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `observations` (
	`report_id` text NOT NULL,
	`table_id` text NOT NULL,
	`metric_id` text NOT NULL,
	`procedure` text NOT NULL,
	`year` integer NOT NULL,
	`value` real NOT NULL,
	`revised_value` real,
	`approximate` integer NOT NULL,
	`in_text` integer NOT NULL,
	`label_nl` text NOT NULL,
	`label_en` text NOT NULL,
	`section` text NOT NULL,
	`printed_row` text NOT NULL,
	PRIMARY KEY(`report_id`, `table_id`, `metric_id`, `procedure`, `year`),
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`table_id`,`metric_id`) REFERENCES `metrics`(`table_id`,`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "observations_procedure" CHECK("observations"."procedure" in ('total', 'tev', 'vvr')),
	CONSTRAINT "observations_year" CHECK("observations"."year" between 1900 and 2999)
);
--> statement-breakpoint
CREATE TABLE `rankings` (
	`report_id` text NOT NULL,
	`table_id` text NOT NULL,
	`year` integer NOT NULL,
	`rank` integer NOT NULL,
	`country` text NOT NULL,
	`label_nl` text NOT NULL,
	`label_en` text NOT NULL,
	`basis_nl` text NOT NULL,
	`basis_en` text NOT NULL,
	PRIMARY KEY(`report_id`, `table_id`, `year`, `rank`),
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`table_id`) REFERENCES `stat_tables`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "rankings_rank" CHECK("rankings"."rank" >= 1),
	CONSTRAINT "rankings_country" CHECK(length("rankings"."country") = 2 and "rankings"."country" = upper("rankings"."country"))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rankings_country_once` ON `rankings` (`report_id`,`table_id`,`year`,`country`);--> statement-breakpoint
CREATE TABLE `reports` (
	`id` text PRIMARY KEY NOT NULL,
	`year` integer NOT NULL,
	`title_nl` text NOT NULL,
	`title_en` text NOT NULL,
	`publisher_nl` text NOT NULL,
	`publisher_en` text NOT NULL,
	`citation_nl` text NOT NULL,
	`citation_en` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reports_year_unique` ON `reports` (`year`);--> statement-breakpoint
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
	`report_id` text NOT NULL,
	`id` text NOT NULL,
	`table_id` text NOT NULL,
	`year` integer NOT NULL,
	`part_metric_id` text NOT NULL,
	`whole_metric_id` text NOT NULL,
	`percent` real NOT NULL,
	`approximate` integer NOT NULL,
	`section` text NOT NULL,
	PRIMARY KEY(`report_id`, `id`),
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`table_id`,`part_metric_id`) REFERENCES `metrics`(`table_id`,`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`table_id`,`whole_metric_id`) REFERENCES `metrics`(`table_id`,`id`) ON UPDATE no action ON DELETE no action
);
